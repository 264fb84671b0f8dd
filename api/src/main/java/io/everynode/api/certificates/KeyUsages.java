package io.everynode.api.certificates;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The values of a request's {@code spec.usages} (upstream's {@code KeyUsage} constants). */
public final class KeyUsages {
    public static final String SIGNING = "signing";
    public static final String DIGITAL_SIGNATURE = "digital signature";
    public static final String CONTENT_COMMITMENT = "content commitment";
    public static final String KEY_ENCIPHERMENT = "key encipherment";
    public static final String KEY_AGREEMENT = "key agreement";
    public static final String DATA_ENCIPHERMENT = "data encipherment";
    public static final String CERT_SIGN = "cert sign";
    public static final String CRL_SIGN = "crl sign";
    public static final String ENCIPHER_ONLY = "encipher only";
    public static final String DECIPHER_ONLY = "decipher only";
    public static final String ANY = "any";
    public static final String SERVER_AUTH = "server auth";
    public static final String CLIENT_AUTH = "client auth";
    public static final String CODE_SIGNING = "code signing";
    public static final String EMAIL_PROTECTION = "email protection";
    public static final String SMIME = "s/mime";
    public static final String IPSEC_END_SYSTEM = "ipsec end system";
    public static final String IPSEC_TUNNEL = "ipsec tunnel";
    public static final String IPSEC_USER = "ipsec user";
    public static final String TIMESTAMPING = "timestamping";
    public static final String OCSP_SIGNING = "ocsp signing";
    public static final String MICROSOFT_SGC = "microsoft sgc";
    public static final String NETSCAPE_SGC = "netscape sgc";

    /** Every valid value, sorted (the order upstream lists them in its "supported values"). */
    public static final List<String> ALL = List.copyOf(new TreeSet<>(Set.of(
            SIGNING,
            DIGITAL_SIGNATURE,
            CONTENT_COMMITMENT,
            KEY_ENCIPHERMENT,
            KEY_AGREEMENT,
            DATA_ENCIPHERMENT,
            CERT_SIGN,
            CRL_SIGN,
            ENCIPHER_ONLY,
            DECIPHER_ONLY,
            ANY,
            SERVER_AUTH,
            CLIENT_AUTH,
            CODE_SIGNING,
            EMAIL_PROTECTION,
            SMIME,
            IPSEC_END_SYSTEM,
            IPSEC_TUNNEL,
            IPSEC_USER,
            TIMESTAMPING,
            OCSP_SIGNING,
            MICROSOFT_SGC,
            NETSCAPE_SGC)));

    private KeyUsages() {}
}

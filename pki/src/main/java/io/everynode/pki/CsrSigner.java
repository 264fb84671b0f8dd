package io.everynode.pki;

import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Issues certificates for parsed signing requests with one CA (upstream's local signer with its
 * permissive policy): the request's subject and subject alternative names, the key usages the
 * CertificateSigningRequest names, not a CA; {@link CertificateMaker} builds it. Validity starts
 * {@link #BACKDATE} before now (clocks of the fleet may lag); it ends {@code validity} after now,
 * less the backdate for certificates of {@link #SHORT} or more, and never after the CA's own end.
 *
 * <p>Thread-safe; the clock is the only source of "now".
 */
public final class CsrSigner {
    public static final Duration BACKDATE = CertificateMaker.BACKDATE;
    /** Below this a certificate's end is not moved back by the backdate (5 minutes is ~1% of 8 hours). */
    public static final Duration SHORT = Duration.ofHours(8);

    private static final Map<String, Integer> KEY_USAGES = Map.ofEntries(
            Map.entry("signing", KeyUsage.digitalSignature),
            Map.entry("digital signature", KeyUsage.digitalSignature),
            Map.entry("content commitment", KeyUsage.nonRepudiation),
            Map.entry("key encipherment", KeyUsage.keyEncipherment),
            Map.entry("key agreement", KeyUsage.keyAgreement),
            Map.entry("data encipherment", KeyUsage.dataEncipherment),
            Map.entry("cert sign", KeyUsage.keyCertSign),
            Map.entry("crl sign", KeyUsage.cRLSign),
            Map.entry("encipher only", KeyUsage.encipherOnly),
            Map.entry("decipher only", KeyUsage.decipherOnly));
    /** Extended key usages by OID (RFC 5280, and the vendors' for the two server-gated-crypto ones). */
    private static final Map<String, String> EXTENDED_USAGES = Map.ofEntries(
            Map.entry("any", "2.5.29.37.0"),
            Map.entry("server auth", "1.3.6.1.5.5.7.3.1"),
            Map.entry("client auth", "1.3.6.1.5.5.7.3.2"),
            Map.entry("code signing", "1.3.6.1.5.5.7.3.3"),
            Map.entry("email protection", "1.3.6.1.5.5.7.3.4"),
            Map.entry("s/mime", "1.3.6.1.5.5.7.3.4"),
            Map.entry("ipsec end system", "1.3.6.1.5.5.7.3.5"),
            Map.entry("ipsec tunnel", "1.3.6.1.5.5.7.3.6"),
            Map.entry("ipsec user", "1.3.6.1.5.5.7.3.7"),
            Map.entry("timestamping", "1.3.6.1.5.5.7.3.8"),
            Map.entry("ocsp signing", "1.3.6.1.5.5.7.3.9"),
            Map.entry("microsoft sgc", "1.3.6.1.4.1.311.10.3.3"),
            Map.entry("netscape sgc", "2.16.840.1.113730.4.1"));

    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final Clock clock;
    private final SecureRandom random;

    public CsrSigner(X509Certificate ca, PrivateKey caKey, Clock clock, SecureRandom random) {
        this.ca = ca;
        this.caKey = caKey;
        this.clock = clock;
        this.random = random;
    }

    public X509Certificate ca() {
        return ca;
    }

    /**
     * @param usages the CertificateSigningRequest's {@code spec.usages}
     * @throws IllegalArgumentException for a usage no certificate can carry, or when the CA has expired
     */
    public X509Certificate sign(ParsedCsr csr, List<String> usages, Duration validity) {
        Instant now = clock.instant();
        Instant caEnd = ca.getNotAfter().toInstant();
        if (!now.isBefore(caEnd)) {
            throw new IllegalArgumentException(
                    "refusing to sign a certificate that expired in the past: the CA" + " expired at " + caEnd);
        }
        Instant notBefore = now.minus(BACKDATE);
        Instant notAfter = validity.compareTo(SHORT) < 0
                ? now.plus(validity)
                : now.plus(validity).minus(BACKDATE);
        if (notAfter.isAfter(caEnd)) notAfter = caEnd;
        int keyUsage = 0;
        TreeSet<String> extended = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String u : usages) {
            if (KEY_USAGES.containsKey(u)) keyUsage |= KEY_USAGES.get(u);
            else if (EXTENDED_USAGES.containsKey(u)) extended.add(EXTENDED_USAGES.get(u));
            else unknown.add(u);
        }
        if (!unknown.isEmpty()) throw new IllegalArgumentException("unrecognized usage values: " + unknown);
        List<KeyPurposeId> purposes = extended.stream()
                .map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid)))
                .toList();
        CertificateMaker.Request request = new CertificateMaker.Request(
                csr.subject(),
                csr.publicKey(),
                new CertificateMaker.Usages(false, keyUsage, purposes),
                CertificateMaker.altNames(csr.dnsNames(), csr.ipAddresses(), csr.emailAddresses(), csr.uris()),
                notBefore,
                notAfter);
        return CertificateMaker.sign(request, ca, caKey, random);
    }
}

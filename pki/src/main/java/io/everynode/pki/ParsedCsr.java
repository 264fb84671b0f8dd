package io.everynode.pki;

import java.security.PublicKey;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * A PKCS#10 certificate signing request whose signature {@link CsrParser} checked: the subject's
 * common name and organizations (a Kubernetes client's user name and groups), the subject
 * alternative names it asks for, and its public key.
 */
public final class ParsedCsr {
    private final X500Name subject;
    private final String commonName;
    private final List<String> organizations;
    private final List<String> dnsNames;
    private final List<String> ipAddresses;
    private final List<String> emailAddresses;
    private final List<String> uris;
    private final PublicKey publicKey;

    ParsedCsr(
            X500Name subject,
            String commonName,
            List<String> organizations,
            List<String> dnsNames,
            List<String> ipAddresses,
            List<String> emailAddresses,
            List<String> uris,
            PublicKey publicKey) {
        this.subject = subject;
        this.commonName = commonName;
        this.organizations = List.copyOf(organizations);
        this.dnsNames = List.copyOf(dnsNames);
        this.ipAddresses = List.copyOf(ipAddresses);
        this.emailAddresses = List.copyOf(emailAddresses);
        this.uris = List.copyOf(uris);
        this.publicKey = publicKey;
    }

    /** The subject as encoded in the request, copied as is into the certificate. */
    X500Name subject() {
        return subject;
    }

    /** The subject's CN, "" when it has none. */
    public String commonName() {
        return commonName;
    }

    /** The subject's O values, in order. */
    public List<String> organizations() {
        return organizations;
    }

    public List<String> dnsNames() {
        return dnsNames;
    }

    /** IP address SANs in their textual form. */
    public List<String> ipAddresses() {
        return ipAddresses;
    }

    public List<String> emailAddresses() {
        return emailAddresses;
    }

    public List<String> uris() {
        return uris;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** Whether the request asks for any subject alternative name. */
    public boolean hasSubjectAltNames() {
        return !dnsNames.isEmpty() || !ipAddresses.isEmpty() || !emailAddresses.isEmpty() || !uris.isEmpty();
    }
}

package io.everynode.pki;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate authority: its certificate and key, issuing serving and client certificates.
 * Certificates are stamped with the instant the caller passes (the cluster's injected clock).
 */
public final class CertificateAuthority {
    /** kubeadm's CA lifetime. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);

    private final KeyAndCertificate self;
    private final SecureRandom random = new SecureRandom();

    public CertificateAuthority(KeyAndCertificate self) {
        this.self = Objects.requireNonNull(self);
    }

    /** A new self-signed CA named {@code commonName} with a new P-256 key, valid for {@link #CA_VALIDITY}. */
    public static CertificateAuthority create(String commonName, Instant now) {
        KeyPair keys = KeyPairs.ecP256();
        X509Certificate cert = CertificateMaker.sign(
                CertificateMaker.request(
                        CertificateMaker.subject(commonName, List.of()),
                        keys.getPublic(),
                        CertificateMaker.Usages.CA,
                        List.of(),
                        now,
                        CA_VALIDITY),
                null,
                keys.getPrivate(),
                new SecureRandom());
        return new CertificateAuthority(new KeyAndCertificate(keys.getPrivate(), cert));
    }

    public X509Certificate certificate() {
        return self.certificate();
    }

    public KeyAndCertificate keyAndCertificate() {
        return self;
    }

    /**
     * A serving certificate for {@code publicKey}: CN {@code commonName}, serverAuth, the DNS
     * names and IP addresses (literals, v4 or v6) as subject alternative names.
     */
    public X509Certificate issueServing(
            PublicKey publicKey,
            String commonName,
            List<String> dnsNames,
            List<String> ipAddresses,
            Instant now,
            Duration validity) {
        return issue(CertificateMaker.request(
                CertificateMaker.subject(commonName, List.of()),
                publicKey,
                CertificateMaker.Usages.SERVING,
                CertificateMaker.altNames(dnsNames, ipAddresses, List.of(), List.of()),
                now,
                validity));
    }

    /** As {@link #issueServing(PublicKey, String, List, List, Instant, Duration)}, with {@code organizations} as the subject's O values. */
    public X509Certificate issueServing(
            PublicKey publicKey,
            String commonName,
            List<String> organizations,
            List<String> dnsNames,
            List<String> ipAddresses,
            Instant now,
            Duration validity) {
        return issue(CertificateMaker.request(
                CertificateMaker.subject(commonName, organizations),
                publicKey,
                CertificateMaker.Usages.SERVING,
                CertificateMaker.altNames(dnsNames, ipAddresses, List.of(), List.of()),
                now,
                validity));
    }

    /**
     * A self-signed serving certificate and its new P-256 key, as a kubelet makes for itself until
     * it has one its cluster signed: {@code CN=commonName}, serverAuth, the names and addresses as SANs.
     */
    public static KeyAndCertificate selfSignedServing(
            String commonName, List<String> dnsNames, List<String> ipAddresses, Instant now, Duration validity) {
        KeyPair keys = KeyPairs.ecP256();
        X509Certificate cert = CertificateMaker.sign(
                CertificateMaker.request(
                        CertificateMaker.subject(commonName, List.of()),
                        keys.getPublic(),
                        CertificateMaker.Usages.SERVING,
                        CertificateMaker.altNames(dnsNames, ipAddresses, List.of(), List.of()),
                        now,
                        validity),
                null,
                keys.getPrivate(),
                new SecureRandom());
        return new KeyAndCertificate(keys.getPrivate(), cert);
    }

    /**
     * A client certificate for {@code publicKey}: the API server reads CN as the user name and
     * each O as a group (upstream's x509 authenticator).
     */
    public X509Certificate issueClient(
            PublicKey publicKey, String user, List<String> groups, Instant now, Duration validity) {
        return issue(CertificateMaker.request(
                CertificateMaker.subject(user, groups),
                publicKey,
                CertificateMaker.Usages.CLIENT,
                List.of(),
                now,
                validity));
    }

    /**
     * A new RSA 2048 key and a client certificate for it, as {@link #issueClient}. Client keys
     * are RSA because they end up in kubeconfigs, and some clients (fabric8) take the algorithm
     * of a PKCS#8 key from its PEM header, which does not say, and assume RSA.
     */
    public KeyAndCertificate newClient(String user, List<String> groups, Instant now, Duration validity) {
        KeyPair keys = KeyPairs.rsa2048();
        return new KeyAndCertificate(keys.getPrivate(), issueClient(keys.getPublic(), user, groups, now, validity));
    }

    private X509Certificate issue(CertificateMaker.Request request) {
        return CertificateMaker.sign(request, self.certificate(), self.key(), random);
    }
}

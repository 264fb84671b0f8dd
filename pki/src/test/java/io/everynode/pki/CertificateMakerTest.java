package io.everynode.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;

/** What every certificate gets, whoever asks for it (the cluster's CA or a signed request). */
class CertificateMakerTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private final CertificateAuthority ca = CertificateAuthority.create("maker-ca", NOW);
    private final SecureRandom random = new SecureRandom();

    @Test
    void everyCertificateHasItsOwnPositive128BitSerial() {
        X509Certificate a = sign(CertificateMaker.Usages.CLIENT, List.of());
        X509Certificate b = sign(CertificateMaker.Usages.CLIENT, List.of());

        assertThat(a.getSerialNumber()).isNotEqualTo(b.getSerialNumber());
        assertThat(a.getSerialNumber().signum()).isPositive();
        assertThat(a.getSerialNumber().bitLength()).isEqualTo(128);
    }

    @Test
    void extensionsARequestLeavesEmptyAreLeftOut() {
        X509Certificate c = sign(new CertificateMaker.Usages(false, 0, List.of()), List.of());

        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(c.getExtensionValue(Extension.keyUsage.getId())).isNull();
        assertThat(c.getExtensionValue(Extension.extendedKeyUsage.getId())).isNull();
        assertThat(c.getExtensionValue(Extension.subjectAlternativeName.getId()))
                .isNull();
    }

    @Test
    void everyKindOfSubjectAltNameIsWritten() throws Exception {
        X509Certificate c = sign(
                CertificateMaker.Usages.SERVING,
                CertificateMaker.altNames(
                        List.of("web-1"), List.of("10.1.2.3"), List.of("ops@example.com"), List.of("spiffe://x/y")));

        assertThat(c.getSubjectAlternativeNames())
                .containsExactly(
                        List.of(2, "web-1"),
                        List.of(7, "10.1.2.3"),
                        List.of(1, "ops@example.com"),
                        List.of(6, "spiffe://x/y"));
    }

    @Test
    void anEd25519IssuerSignsWithEd25519() throws Exception {
        KeyPair issuer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        X509Certificate self = CertificateMaker.sign(
                CertificateMaker.request(
                        CertificateMaker.subject("ed-ca", List.of()),
                        issuer.getPublic(),
                        CertificateMaker.Usages.CA,
                        List.of(),
                        NOW,
                        Duration.ofDays(1)),
                null,
                issuer.getPrivate(),
                random);

        self.verify(issuer.getPublic());
        assertThat(self.getSigAlgName()).isEqualToIgnoringCase("Ed25519");
    }

    @Test
    void anUnknownKeyAlgorithmIsRefused() {
        assertThatThrownBy(() -> CertificateMaker.signatureAlgorithm(new PrivateKey() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public String getAlgorithm() {
                        return "DSA";
                    }

                    @Override
                    public String getFormat() {
                        return null;
                    }

                    @Override
                    public byte[] getEncoded() {
                        return null;
                    }
                }))
                .hasMessageContaining("DSA");
    }

    private X509Certificate sign(CertificateMaker.Usages usages, List<org.bouncycastle.asn1.x509.GeneralName> sans) {
        return CertificateMaker.sign(
                CertificateMaker.request(
                        CertificateMaker.subject("leaf", List.of()),
                        KeyPairs.ecP256().getPublic(),
                        usages,
                        sans,
                        NOW,
                        Duration.ofDays(1)),
                ca.certificate(),
                ca.keyAndCertificate().key(),
                random);
    }
}

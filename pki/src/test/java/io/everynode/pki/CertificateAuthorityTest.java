package io.everynode.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final CertificateAuthority ca = CertificateAuthority.create("test-ca", NOW);

    @Test
    void aNewCaIsASelfSignedCaCertificateValidForTenYears() throws Exception {
        X509Certificate c = ca.certificate();
        c.verify(c.getPublicKey());
        assertThat(c.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=test-ca");
        assertThat(c.getNotAfter().toInstant()).isEqualTo(NOW.plus(CertificateAuthority.CA_VALIDITY));
        assertThat(c.getKeyUsage()[5]).as("keyCertSign").isTrue();
    }

    @Test
    void aClientCertificateCarriesTheUserAsCnAndEachGroupAsAnO() throws Exception {
        KeyAndCertificate client = ca.newClient("jane", List.of("dev", "system:masters"), NOW, Duration.ofDays(1));
        X509Certificate c = client.certificate();
        assertThat(c.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=jane,O=system:masters,O=dev"));
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(validates(c, NOW)).isTrue();
    }

    @Test
    void aServingCertificateNamesItsDnsNamesAndAddresses() throws Exception {
        KeyPair keys = KeyPairs.ecP256();
        X509Certificate c = ca.issueServing(
                keys.getPublic(),
                "kube-apiserver",
                List.of("localhost"),
                List.of("127.0.0.1", "::1"),
                NOW,
                Duration.ofDays(1));
        assertThat(c.getSubjectAlternativeNames())
                .containsExactlyInAnyOrder(
                        List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(c.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(validates(c, NOW)).isTrue();
    }

    @Test
    void certificatesAreBackdatedAndExpireAfterTheirValidity() throws Exception {
        X509Certificate c =
                ca.newClient("jane", List.of(), NOW, Duration.ofHours(1)).certificate();
        assertThat(c.getNotBefore().toInstant()).isEqualTo(NOW.minus(CertificateMaker.BACKDATE));
        assertThat(validates(c, NOW.plus(Duration.ofHours(2)))).isFalse();
    }

    @Test
    void aCertificateOfAnotherCaDoesNotChainToThisOne() throws Exception {
        CertificateAuthority other = CertificateAuthority.create("other", NOW);
        X509Certificate c = other.newClient("mallory", List.of("system:masters"), NOW, Duration.ofDays(1))
                .certificate();
        assertThat(validates(c, NOW)).isFalse();
    }

    @Test
    void theCaSurvivesAPemRoundTrip() {
        CertificateAuthority loaded = new CertificateAuthority(new KeyAndCertificate(
                Pem.readPrivateKey(Pem.privateKey(ca.keyAndCertificate().key())),
                Pem.readCertificate(Pem.certificate(ca.certificate()))));
        X509Certificate c =
                loaded.newClient("x", List.of(), NOW, Duration.ofDays(1)).certificate();
        assertThat(validatesQuietly(c)).isTrue();
    }

    private boolean validatesQuietly(X509Certificate c) {
        try {
            return validates(c, NOW);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Whether the JDK's PKIX validator accepts {@code c} as issued by {@link #ca} at {@code at}. */
    private boolean validates(X509Certificate c, Instant at) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        try {
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(c)), params);
            return true;
        } catch (CertPathValidatorException e) {
            return false;
        }
    }
}

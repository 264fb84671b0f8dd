package io.everynode.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.testkit.ManualClock;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class CsrSignerTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private final ManualClock clock = new ManualClock(NOW);
    private final CertificateAuthority ca = CertificateAuthority.create("everynode-ca", NOW);
    private final CsrSigner signer =
            new CsrSigner(ca.certificate(), ca.keyAndCertificate().key(), clock, new SecureRandom());
    private final ParsedCsr nodeCsr =
            CsrParser.parse(Csrs.create(Csrs.newKeyPair(), "system:node:web-1", List.of("system:nodes"), List.of()));

    @Test
    void theCertificateChainsToTheCaAndCarriesTheRequestsSubjectAndKey() throws Exception {
        X509Certificate cert = signer.sign(
                nodeCsr, List.of("digital signature", "key encipherment", "client auth"), Duration.ofDays(365));

        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(cert.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=system:node:web-1, O=system:nodes"));
        assertThat(cert.getPublicKey()).isEqualTo(nodeCsr.publicKey());
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(cert.getKeyUsage()[2]).as("keyEncipherment").isTrue();
    }

    @Test
    void validityStartsFiveMinutesBackAndALongOneEndsFiveMinutesEarly() {
        X509Certificate cert = signer.sign(nodeCsr, List.of("client auth"), Duration.ofDays(365));

        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(cert.getNotAfter().toInstant())
                .isEqualTo(NOW.plus(Duration.ofDays(365)).minus(Duration.ofMinutes(5)));
    }

    @Test
    void aShortCertificateKeepsItsWholeRequestedLifetime() {
        X509Certificate cert = signer.sign(nodeCsr, List.of("client auth"), Duration.ofMinutes(10));

        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void noCertificateOutlivesItsCa() {
        CertificateAuthority shortCa = CertificateAuthority.create(
                "short", NOW.minus(CertificateAuthority.CA_VALIDITY).plus(Duration.ofDays(30)));
        CsrSigner s =
                new CsrSigner(shortCa.certificate(), shortCa.keyAndCertificate().key(), clock, new SecureRandom());

        X509Certificate cert = s.sign(nodeCsr, List.of("client auth"), Duration.ofDays(365));

        assertThat(cert.getNotAfter()).isEqualTo(shortCa.certificate().getNotAfter());
    }

    @Test
    void subjectAltNamesOfTheRequestAreCopied() throws Exception {
        ParsedCsr serving = CsrParser.parse(Csrs.create(
                Csrs.newKeyPair(), "system:node:web-1", List.of("system:nodes"), List.of("web-1", "10.1.2.3")));

        X509Certificate cert = signer.sign(serving, List.of("digital signature", "server auth"), Duration.ofDays(1));

        assertThat(cert.getSubjectAlternativeNames())
                .extracting(l -> (Object) l.get(1))
                .containsExactlyInAnyOrder("web-1", "10.1.2.3");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    }

    @Test
    void anUnknownUsageIsRefused() {
        assertThatThrownBy(() -> signer.sign(nodeCsr, List.of("client auth", "teleport"), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unrecognized usage values: [teleport]");
    }

    @Test
    void anExpiredCaSignsNothing() {
        clock.advance(Duration.ofDays(3651));

        assertThatThrownBy(() -> signer.sign(nodeCsr, List.of("client auth"), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("refusing to sign a certificate that expired in the past");
    }
}

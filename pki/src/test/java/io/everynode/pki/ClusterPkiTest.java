package io.everynode.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterPkiTest {
    private static final SubjectAltNames LOOPBACK =
            new SubjectAltNames(List.of("localhost"), List.of("127.0.0.1", "::1"));

    @TempDir
    Path data;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));

    @Test
    void theFirstOpenCreatesKubeadmsFilesReadableByTheOwnerOnly() throws Exception {
        ClusterPki.open(data, LOOPBACK, clock);
        Path pki = data.resolve("pki");
        assertThat(Files.getPosixFilePermissions(pki)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        List<String> files;
        try (Stream<Path> s = Files.list(pki)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(files)
                .containsExactly(
                        "admin.crt",
                        "admin.key",
                        "apiserver-kubelet-client.crt",
                        "apiserver-kubelet-client.key",
                        "apiserver.crt",
                        "apiserver.key",
                        "ca.crt",
                        "ca.key",
                        "sa.key",
                        "sa.pub");
        for (String f : files) {
            assertThat(Files.getPosixFilePermissions(pki.resolve(f)))
                    .as(f)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void theApiServersKubeletClientCertificateIsKubeadmsAndKeptAcrossOpens() throws Exception {
        ClusterPki first = ClusterPki.open(data, LOOPBACK, clock);
        X509Certificate cert = first.kubeletClient().certificate();
        assertThat(cert.getSubjectX500Principal().getName())
                .isEqualTo("CN=kube-apiserver-kubelet-client,O=kubeadm:cluster-admins");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
        cert.verify(first.ca().certificate().getPublicKey());
        assertThat(ClusterPki.open(data, LOOPBACK, clock).kubeletClient().certificate())
                .isEqualTo(cert);
    }

    @Test
    void aNodesServingCertificateNamesTheNodeAndItsAddresses() throws Exception {
        ClusterPki pki = ClusterPki.open(data, LOOPBACK, clock);
        X509Certificate cert = pki.nodeServing("n1", List.of("10.0.0.7")).certificate();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=system:node:n1,O=system:nodes");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1"); // serverAuth
        assertThat(cert.getSubjectAlternativeNames())
                .extracting(san -> san.get(1).toString())
                .containsExactly("10.0.0.7");
        cert.verify(pki.ca().certificate().getPublicKey());
    }

    @Test
    void aSecondOpenLoadsWhatTheFirstMade() throws Exception {
        ClusterPki first = ClusterPki.open(data, LOOPBACK, clock);
        clock.advance(Duration.ofDays(30));
        ClusterPki second = ClusterPki.open(data, LOOPBACK, clock);
        assertThat(second.ca().certificate()).isEqualTo(first.ca().certificate());
        assertThat(second.serving().certificate()).isEqualTo(first.serving().certificate());
        assertThat(second.admin().certificate()).isEqualTo(first.admin().certificate());
        assertThat(second.serviceAccountKeys().getPublic())
                .isEqualTo(first.serviceAccountKeys().getPublic());
        assertThat(second.serviceAccountKeys().getPrivate().getAlgorithm()).isEqualTo("RSA");
        assertThat(second.caHash()).isEqualTo(CaHash.of(first.ca().certificate()));
    }

    @Test
    void theAdminCertificateIsKubernetesAdminInSystemMasters() throws Exception {
        X509Certificate admin = ClusterPki.open(data, LOOPBACK, clock).admin().certificate();
        assertThat(admin.getSubjectX500Principal().getName()).isEqualTo("CN=kubernetes-admin,O=system:masters");
    }

    @Test
    void theServingCertificateIsRenewedOnceLessThanAThirdOfItsLifeIsLeft() throws Exception {
        ClusterPki pki = ClusterPki.open(data, LOOPBACK, clock);
        X509Certificate first = pki.serving().certificate();
        clock.advance(Duration.ofDays(200)); // 165 of 365 days left: more than a third
        assertThat(pki.renewServingIfDue()).isEmpty();
        clock.advance(Duration.ofDays(50)); // 115 days left: less than a third
        KeyAndCertificate renewed = pki.renewServingIfDue().orElseThrow();
        assertThat(renewed.certificate()).isNotEqualTo(first);
        assertThat(renewed.certificate().getNotBefore().toInstant())
                .isAfter(first.getNotBefore().toInstant());
        assertThat(pki.serving()).isEqualTo(renewed);
        assertThat(Pem.readCertificate(Files.readString(data.resolve("pki/apiserver.crt"))))
                .isEqualTo(renewed.certificate());
        assertThat(pki.renewServingIfDue()).isEmpty();
    }

    @Test
    void aServingCertificateWithoutANewlyWantedNameIsIssuedAgainAtOpen() throws Exception {
        X509Certificate first = ClusterPki.open(data, LOOPBACK, clock).serving().certificate();
        SubjectAltNames more =
                new SubjectAltNames(List.of("localhost", "api.example"), List.of("127.0.0.1", "10.1.2.3"));
        X509Certificate second = ClusterPki.open(data, more, clock).serving().certificate();
        assertThat(second).isNotEqualTo(first);
        assertThat(second.getSubjectAlternativeNames()).contains(List.of(2, "api.example"), List.of(7, "10.1.2.3"));
    }

    @Test
    void aCaWithoutItsKeyIsRefusedRatherThanReplaced() throws Exception {
        ClusterPki.open(data, LOOPBACK, clock);
        Files.delete(data.resolve("pki/ca.key"));
        assertThatThrownBy(() -> ClusterPki.open(data, LOOPBACK, clock))
                .hasMessageContaining("ca.crt and ca.key must both be there");
    }

    @Test
    void aHalfServiceAccountKeyPairIsRefusedRatherThanReplaced() throws Exception {
        ClusterPki.open(data, LOOPBACK, clock);
        Files.delete(data.resolve("pki/sa.pub"));
        assertThatThrownBy(() -> ClusterPki.open(data, LOOPBACK, clock))
                .hasMessageContaining("sa.key and sa.pub must both be there");
        assertThat(data.resolve("pki/sa.pub")).doesNotExist();
    }

    @Test
    void aSecondServerGivenTheSharedFilesKeepsTheCaAndKeysAndMakesItsOwnServingCertificate() throws Exception {
        ClusterPki first = ClusterPki.open(data, LOOPBACK, clock);
        Path other = data.resolve("other");
        Files.createDirectories(other.resolve("pki"));
        for (String f : List.of("ca.crt", "ca.key", "sa.key", "sa.pub"))
            Files.copy(data.resolve("pki").resolve(f), other.resolve("pki").resolve(f));
        SubjectAltNames itsHost = new SubjectAltNames(List.of("localhost"), List.of("127.0.0.1", "10.0.0.2"));

        ClusterPki second = ClusterPki.open(other, itsHost, clock);

        assertThat(second.ca().certificate()).isEqualTo(first.ca().certificate());
        assertThat(second.serviceAccountKeys().getPublic())
                .isEqualTo(first.serviceAccountKeys().getPublic());
        assertThat(second.serving().certificate()).isNotEqualTo(first.serving().certificate());
        assertThat(second.serving().certificate().getSubjectAlternativeNames()).contains(List.of(7, "10.0.0.2"));
        second.serving().certificate().verify(first.ca().certificate().getPublicKey());
        second.admin().certificate().verify(first.ca().certificate().getPublicKey());
    }

    @ParameterizedTest(name = "{0} days after issuance of a {1}-day certificate: renewal due {2}")
    @CsvSource({
        "0, 365, false",
        "243, 365, false",
        "244, 365, true",
        "365, 365, true",
        "400, 365, true",
        "19, 30, false",
        "21, 30, true"
    })
    void renewalIsDueInTheLastThirdOfACertificatesLife(int daysLater, int lifeDays, boolean due) {
        Instant issued = Instant.parse("2026-06-01T00:00:00Z");
        X509Certificate c = CertificateAuthority.create("ca", issued)
                .newClient(
                        "x",
                        List.of(),
                        issued.plus(CertificateMaker.BACKDATE),
                        Duration.ofDays(lifeDays).minus(CertificateMaker.BACKDATE))
                .certificate();
        assertThat(ClusterPki.renewalDue(c, issued.plus(Duration.ofDays(daysLater))))
                .isEqualTo(due);
    }
}

package io.everynode.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.KubeconfigFile;
import io.everynode.pki.SubjectAltNames;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Namespace;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A control plane built secure: HTTPS, every request authenticated, its certificate renewed in place. */
class SecureControlPlaneIT {
    private static final SubjectAltNames LOOPBACK =
            new SubjectAltNames(List.of("localhost"), List.of("127.0.0.1", "::1"));

    @TempDir
    Path dir;

    @Test
    void ourClientReadsTheAdminKubeconfigAndCallsOverTls() throws Exception {
        ClusterPki pki = ClusterPki.open(dir, LOOPBACK, Clock.systemUTC());
        try (ControlPlane cp =
                ControlPlane.builder().secure(pki).controllers(null).build().start()) {
            assertThat(cp.url()).startsWith("https://127.0.0.1:");
            Path kubeconfig = pki.writeAdminKubeconfig(dir.resolve("kubeconfig"), cp.url());
            try (KubeClient admin = KubeClient.fromKubeconfig(kubeconfig)) {
                assertThat(admin.list(Namespace.class, null).items())
                        .extracting(n -> n.getMetadata().getName())
                        .contains("default");
            }
        }
    }

    @Test
    void aClientWithoutACredentialTheServerKnowsGets401() throws Exception {
        ClusterPki pki = ClusterPki.open(dir, LOOPBACK, Clock.systemUTC());
        try (ControlPlane cp =
                ControlPlane.builder().secure(pki).controllers(null).build().start()) {
            Path kubeconfig = KubeconfigFile.writeWithToken(
                    dir.resolve("stranger"), cp.url(), pki.ca().certificate(), "stranger", "not-a-token");
            try (KubeClient stranger = KubeClient.fromKubeconfig(kubeconfig)) {
                assertThatThrownBy(() -> stranger.list(Namespace.class, null))
                        .isInstanceOfSatisfying(
                                ApiError.class, e -> assertThat(e.code()).isEqualTo(401));
            }
        }
    }

    @Test
    void theServingCertificateIsRenewedOnTheControlPlanesClock() throws Exception {
        ManualClock clock = new ManualClock(Clock.systemUTC().instant());
        ClusterPki pki = ClusterPki.open(dir, LOOPBACK, clock);
        X509Certificate first = pki.serving().certificate();
        try (ControlPlane cp = ControlPlane.builder()
                .secure(pki)
                .controllers(null)
                .clock(clock)
                .build()
                .start()) {
            assertThat(cp.renewServingCertificateIfDue()).isFalse();
            clock.advance(Duration.ofDays(250));
            assertThat(cp.renewServingCertificateIfDue()).isTrue();
            assertThat(pki.serving().certificate()).isNotEqualTo(first);
            assertThat(cp.renewServingCertificateIfDue()).isFalse();
        }
    }
}

package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code everynode server} campaigns for upstream's two Leases and holds them; the real kubectl shows the holder. */
class ServerLeasesIT {
    /** kubectl's table: NAME, HOLDER ({@code <hostname>_<uuid>}), AGE. */
    private static final String HELD =
            "(?s).*kube-controller-manager +(\\S+_[0-9a-f-]{36}) +\\S+\\n" + "kube-scheduler +\\1 +\\S+.*";

    @TempDir
    Path dir;

    private Process server(String... flags) throws Exception {
        return EverynodeJvm.server(dir.resolve("data"), dir.resolve("out"), dir.resolve("err"), flags);
    }

    @Test
    void theServerHoldsTheControllerManagerAndSchedulerLeasesAsKubectlShows() throws Exception {
        Process server = server("--leader-elect-retry-period=500ms");
        try {
            Path kubeconfig = dir.resolve("data").resolve("kubeconfig");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(dir.resolve("out")).contains("listening on"));
            Kubectl kubectl = Kubectl.forKubeconfig(kubeconfig, dir.resolve("kubectl"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> kubectl.ok("get", "lease", "-n", "kube-system").matches(HELD));

            assertThat(kubectl.ok("get", "lease", "-n", "kube-system"))
                    .startsWith("NAME ")
                    .contains(" HOLDER ");
            assertThat(kubectl.ok(
                            "get",
                            "lease",
                            "-n",
                            "kube-system",
                            "kube-scheduler",
                            "-o",
                            "jsonpath={.spec.leaseDurationSeconds} {.spec.leaseTransitions}"))
                    .isEqualTo("15 0");
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    @Test
    void timingsOutOfOrderStopTheServerBeforeItStarts() throws Exception {
        Process server = server("--leader-elect-lease-duration=5s", "--leader-elect-renew-deadline=5s");
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(server.exitValue()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("err")))
                .isEqualTo("error: --leader-elect-lease-duration, --leader-elect-renew-deadline,"
                        + " --leader-elect-retry-period: leaseDuration must be greater than renewDeadline\n");
    }
}

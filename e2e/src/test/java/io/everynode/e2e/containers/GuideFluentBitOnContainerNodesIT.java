package io.everynode.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.e2e.GuideSnippets;
import io.everynode.testkit.images.OciImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's first acceptance: the guide's fluent-bit DaemonSet with only its image pointed at a
 * loopback registry runs a container on each of three container nodes. The image's command
 * reports what the container sees: the host's {@code /var/log} through the guide's hostPath, the
 * guide's read-only mount refusing a write, and no trace of a file the test left elsewhere on the
 * host.
 */
class GuideFluentBitOnContainerNodesIT {
    private static final String GUIDE_IMAGE = "image: fluent/fluent-bit:3.1";

    @TempDir
    Path dir;

    @Test
    void theGuidesFluentBitRunsOnEveryNodeSeeingTheHostsLogsAndNothingElseOfTheHost() throws Exception {
        String manifest = GuideSnippets.load().onlyYaml("Logging agents: fluent-bit");
        assertThat(manifest).contains(GUIDE_IMAGE);
        ContainerCluster.assumeAvailable();
        String token = UUID.randomUUID().toString();
        Path logMarker = Path.of("/var/log/everynode-accept-" + token + ".log");
        Path hostOnly = Files.writeString(dir.resolve("host-only.marker"), token);
        Files.writeString(logMarker, "host log " + token + "\n");
        try (ContainerCluster cluster = ContainerCluster.upWithImage(
                3,
                dir,
                "fluent/fluent-bit",
                "3.1",
                OciImage.busybox(
                        "sh",
                        "-c",
                        "echo \"hostname $(hostname)\"; cat " + logMarker + ";"
                                + " if touch /var/lib/docker/containers/.everynode-write 2>/dev/null;"
                                + " then echo 'containers mount writable'; else echo 'containers mount read-only'; fi;"
                                + " if test -e " + hostOnly + "; then echo 'host file visible';"
                                + " else echo 'host file absent'; fi; exec sleep 100000"))) {
            String local = "image: " + cluster.image();
            cluster.kubectl("create", "namespace", "logging");
            cluster.apply(manifest.replace(GUIDE_IMAGE, local));
            cluster.awaitReady("logging", "fluent-bit", 3);
            List<String> pods = cluster.pods("logging", "app=fluent-bit");
            assertThat(pods).hasSize(3);
            assertThat(pods.stream()
                            .map(p -> cluster.podField("logging", p, ".spec.nodeName"))
                            .distinct())
                    .containsExactlyInAnyOrder("node-1", "node-2", "node-3");
            for (String pod : pods) {
                String logs = cluster.awaitLogLine("logging", pod, "host file ");
                assertThat(logs)
                        .contains("hostname " + pod)
                        .contains("host log " + token)
                        .contains("containers mount read-only")
                        .contains("host file absent")
                        .doesNotContain("host file visible");
            }
            assertThat(Path.of("/var/lib/docker/containers/.everynode-write")).doesNotExist();
            // the check: kubectl exec into the DaemonSet prints the pod's own name
            assertThat(cluster.kubectl("exec", "-n", "logging", "ds/fluent-bit", "--", "cat", "/etc/hostname")
                            .strip())
                    .isIn(pods);
        } finally {
            Files.deleteIfExists(logMarker);
        }
    }
}

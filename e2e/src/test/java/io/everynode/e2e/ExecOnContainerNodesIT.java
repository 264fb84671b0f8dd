package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.cli.UpCommand;
import io.everynode.e2e.containers.ContainerCluster;
import io.everynode.testkit.Kubectl;
import io.everynode.testkit.images.OciImage;
import io.everynode.testkit.images.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl exec} and {@code kubectl cp} into a runc container ({@code up --runtime
 * container}, a busybox image from a loopback registry): the command runs inside the container
 * ({@code /etc/hostname} holds the pod's name), with stdin and with a terminal, and kubectl exits
 * with its code.
 */
class ExecOnContainerNodesIT {
    @TempDir
    Path dir;

    @Test
    void execAndCpBothWaysReachIntoARuncContainer() throws Exception {
        ContainerCluster.assumeAvailable();
        try (TestRegistry registry = TestRegistry.start(Files.createDirectories(dir.resolve("registry")))) {
            // kubectl cp runs tar in the container: the test image links busybox's tar applet itself
            // (and has a /tmp to copy into)
            registry.push(
                    "demo/sleeper",
                    "1",
                    OciImage.busybox(
                            "sh", "-c", "[ -e /bin/tar ] || ln -s busybox /bin/tar; mkdir -p /tmp; exec sleep 100000"));
            String image = registry.host() + "/demo/sleeper:1";
            try (GuideCluster cluster = GuideCluster.up(new UpCommand().nodes(1).runtime("container"), dir)) {
                cluster.apply("""
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: sleeper, namespace: default}
                        spec:
                          containers:
                          - name: main
                            image: %s
                        """.formatted(image));
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> cluster.pod("default", "sleeper")
                                .map(GuideCluster::ready)
                                .orElse(false));

                assertThat(cluster.kubectl("exec", "sleeper", "--", "cat", "/etc/hostname"))
                        .isEqualTo("sleeper\n");

                Kubectl.Result failed =
                        cluster.kubectl.run("exec", "sleeper", "--", "sh", "-c", "echo oops >&2; exit 7");
                assertThat(failed.exitCode()).isEqualTo(7);
                assertThat(failed.err()).contains("oops");

                Kubectl.Result piped =
                        cluster.kubectl.runWithInput("in the container\n", "exec", "-i", "sleeper", "--", "cat");
                assertThat(piped.out()).as(piped.err()).isEqualTo("in the container\n");

                assertThat(ExecOnProcessNodesIT.terminalExec(cluster.kubectl, "sleeper"))
                        .contains("size 33 77")
                        .containsPattern("/dev/pts/[0-9]+");

                Path copy = dir.resolve("hostname");
                cluster.kubectl("cp", "sleeper:/etc/hostname", copy.toString());
                assertThat(Files.readString(copy)).isEqualTo("sleeper\n");

                // and into it: kubectl cp feeds tar's stdin in the container
                Path local = Files.writeString(dir.resolve("going-in.txt"), "from the host\n");
                cluster.kubectl("cp", local.toString(), "sleeper:/tmp/came-in.txt");
                assertThat(cluster.kubectl("exec", "sleeper", "--", "cat", "/tmp/came-in.txt"))
                        .isEqualTo("from the host\n");
            }
        }
    }
}

package io.everynode.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.images.OciImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runc container's stdout and stderr both reach {@code kubectl logs}, in the order written: the
 * container writes to one stream, then the other, each time the test lets it (a file in a hostPath
 * directory), and a line with no newline yet shows while the container waits.
 */
class LogStreamsOnContainerNodesIT {
    @TempDir
    Path dir;

    /** The pod's log so far; empty while kubectl cannot get it yet (the container is still being created). */
    private static String logs(ContainerCluster cluster) {
        return cluster.kubectl.run("logs", "streams").out();
    }

    @Test
    void stdoutAndStderrArriveInTheOrderWritten() throws Exception {
        ContainerCluster.assumeAvailable();
        Path steps = Files.createDirectories(dir.resolve("steps"));
        String script = String.join(
                "; ",
                "echo out-1",
                "until [ -e /steps/1 ]; do sleep 0.05; done",
                "echo err-1 >&2",
                "until [ -e /steps/2 ]; do sleep 0.05; done",
                "printf 'out-2 '",
                "until [ -e /steps/3 ]; do sleep 0.05; done",
                "echo ends",
                "exec sleep 100000");
        try (ContainerCluster cluster =
                ContainerCluster.upWithImage(1, dir, "demo/streams", "1", OciImage.busybox("sh", "-c", script))) {
            cluster.apply("""
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: streams, namespace: default}
                        spec:
                          containers:
                          - name: main
                            image: %s/demo/streams:1
                            volumeMounts: [{name: steps, mountPath: /steps}]
                          volumes:
                          - name: steps
                            hostPath: {path: %s}
                        """.formatted(cluster.registryHost(), steps));
            cluster.awaitDescribing("default", () -> assertThat(logs(cluster)).isEqualTo("out-1\n"));
            Files.writeString(steps.resolve("1"), "");
            cluster.awaitDescribing("default", () -> assertThat(logs(cluster)).isEqualTo("out-1\nerr-1\n"));
            Files.writeString(steps.resolve("2"), "");
            cluster.awaitDescribing("default", () -> assertThat(logs(cluster)).isEqualTo("out-1\nerr-1\nout-2 "));
            Files.writeString(steps.resolve("3"), "");
            cluster.awaitDescribing("default", () -> assertThat(logs(cluster)).isEqualTo("out-1\nerr-1\nout-2 ends\n"));
            assertThat(cluster.kubectl("logs", "streams", "--tail=2")).isEqualTo("err-1\nout-2 ends\n");
        }
    }
}

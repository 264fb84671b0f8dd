package io.everynode.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.e2e.Attaching;
import io.everynode.testkit.images.OciImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl attach} to runc containers ({@code up --runtime container}, a busybox image from
 * a loopback registry), on one cluster: the output of a running container, stdin into a container
 * with {@code stdin: true} (through runc), and a container with {@code tty: true} under a terminal
 * that runc relays, resized to kubectl's size.
 */
class AttachOnContainerNodesIT {
    static final Duration WAIT = ContainerCluster.WAIT;

    @TempDir
    Path dir;

    @Test
    void attachReadsOutputFeedsStdinAndReachesTheTerminalOfRuncContainers() throws Exception {
        ContainerCluster.assumeAvailable();
        try (ContainerCluster cluster = ContainerCluster.upWithImage(
                1, dir, "demo/shell", "1", OciImage.busybox("sh", "-c", "exec sleep 100000"))) {
            String image = cluster.image();
            cluster.apply(
                    pod("ticker", image, false, false, "i=0; while :; do i=$((i+1)); echo tick $i; sleep 0.3; done"));
            cluster.apply(pod("echo", image, true, false, "while read l; do echo got:$l; done"));
            cluster.apply(pod("terminal", image, true, true, Attaching.TERMINAL_SHELL));
            for (String name : List.of("ticker", "echo", "terminal")) cluster.awaitPodReady("default", name);

            try (Attaching.Attached a = Attaching.Attached.start(cluster.kubectl, "attach", "ticker")) {
                await().atMost(WAIT).until(() -> a.output().contains("tick "));
                assertThat(a.output()).doesNotContain("tick 1\n");
            }
            for (String word : List.of("first", "second")) {
                try (Attaching.Attached a = Attaching.Attached.start(cluster.kubectl, "attach", "-i", "echo")) {
                    a.type(word + "\n");
                    await().atMost(WAIT).until(() -> a.output().contains("got:" + word));
                }
            }
            assertThat(Attaching.attachWithTerminal(cluster.kubectl, "terminal", WAIT))
                    .containsPattern("read line size 33 77 on /dev/pts/[0-9]+");
        }
    }

    private static String pod(String name, String image, boolean stdin, boolean tty, String shell) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: default}
                spec:
                  restartPolicy: Never
                  containers:
                  - name: main
                    image: %s
                    command: ["sh", "-c", "%s"]
                    stdin: %s
                    tty: %s
                """.formatted(name, image, shell.replace("\"", "\\\""), stdin, tty);
    }
}

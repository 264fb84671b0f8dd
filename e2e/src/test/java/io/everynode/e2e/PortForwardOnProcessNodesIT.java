package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.testkit.Kubectl;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl port-forward} to a process node's pod, through the API server and the agent's
 * endpoint (TLS, as {@code up} runs it): the real kubectl 1.35 tunnelling SPDY/3.1 in a WebSocket.
 * The pod serves HTTP with the host's busybox {@code httpd}.
 */
class PortForwardOnProcessNodesIT {
    static final String IMAGE = "example.com/httpd:1";
    static GuideCluster cluster;
    static int port;

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/busybox")), "needs the host's busybox for httpd");
        port = freePort();
        cluster = GuideCluster.upProcess(1, tmp);
        LocalImages.script(cluster.images(), IMAGE, """
                #!/bin/sh
                dir=$(mktemp -d)
                echo "hello through port-forward" > "$dir/index.html"
                exec /usr/bin/busybox httpd -f -p %d -h "$dir"
                """.formatted(port), tmp.resolve("images-src"));
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: default}
                spec:
                  containers:
                  - name: httpd
                    image: %s
                    readinessProbe:
                      tcpSocket: {port: %d}
                      periodSeconds: 1
                """.formatted(IMAGE, port));
        await().atMost(GuideCluster.WAIT)
                .until(() ->
                        cluster.pod("default", "web").map(GuideCluster::ready).orElse(false));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void twoConnectionsAtOnceReachThePodsServerAndCtrlCEndsTheSessionCleanly() throws Exception {
        try (PortForwarding forward = PortForwarding.start(cluster.kubectl, "pod/web", port)) {
            try (Socket first = forward.connect();
                    Socket second = forward.connect()) {
                assertThat(PortForwarding.get(second, "/")).contains("200 OK").contains("hello through port-forward");
                assertThat(PortForwarding.get(first, "/")).contains("200 OK").contains("hello through port-forward");
            }
            try (Socket third = forward.connect()) {
                assertThat(PortForwarding.get(third, "/missing")).contains("404");
            }
            Kubectl.Result r = forward.interrupt();
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("Handling connection for " + forward.localPort);
        }
    }

    @Test
    void aPortNothingListensOnReportsTheConnectionRefusedOnKubectlsErrorStream() throws Exception {
        int closed = freePort();
        try (PortForwarding forward = PortForwarding.start(cluster.kubectl, "pod/web", closed)) {
            try (Socket s = forward.connect()) {
                assertThat(PortForwarding.get(s, "/")).isEmpty();
            }
            Kubectl.Result r = forward.ended();
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.err())
                    .contains("an error occurred forwarding " + forward.localPort + " -> " + closed
                            + ": error forwarding port " + closed + " to pod default/web, uid ")
                    .contains(": connect: connection refused")
                    .contains("lost connection to pod");
        }
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package io.everynode.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.e2e.PortForwarding;
import io.everynode.testkit.Kubectl;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl port-forward ds/web} into a runc container ({@code up --runtime container}, a
 * busybox image from a loopback registry serving HTTP on the pod's own network address): two
 * connections at once reach the container's {@code httpd}, a port nothing listens on is reported
 * with the agent's message, and Ctrl-C ends kubectl cleanly.
 */
class PortForwardOnContainerNodesIT {
    @TempDir
    Path dir;

    @Test
    void portForwardReachesAServerInARuncContainer() throws Exception {
        ContainerCluster.assumeAvailable();
        try (ContainerCluster cluster =
                ContainerCluster.upWithImage(1, dir, "demo/web", "1", ContainerCluster.httpd("hello from"))) {
            String image = cluster.image();
            cluster.apply("""
                        apiVersion: apps/v1
                        kind: DaemonSet
                        metadata: {name: web, namespace: default}
                        spec:
                          selector: {matchLabels: {app: web}}
                          template:
                            metadata: {labels: {app: web}}
                            spec:
                              containers:
                              - name: httpd
                                image: %s
                                readinessProbe:
                                  tcpSocket: {port: 8080}
                                  periodSeconds: 1
                        """.formatted(image));
            cluster.awaitReady("default", "web", 1);
            String pod = cluster.pods("default", "app=web").get(0);

            try (PortForwarding forward = PortForwarding.start(cluster.kubectl, "ds/web", 8080)) {
                try (Socket first = forward.connect();
                        Socket second = forward.connect()) {
                    assertThat(PortForwarding.get(second, "/"))
                            .contains("200 OK")
                            .contains("hello from " + pod);
                    assertThat(PortForwarding.get(first, "/"))
                            .contains("200 OK")
                            .contains("hello from " + pod);
                }
                Kubectl.Result stopped = forward.interrupt();
                assertThat(stopped.exitCode()).as(stopped.err()).isZero();
            }

            try (PortForwarding forward = PortForwarding.start(cluster.kubectl, "pod/" + pod, 9999)) {
                try (Socket s = forward.connect()) {
                    assertThat(PortForwarding.get(s, "/")).isEmpty();
                }
                Kubectl.Result failed = forward.ended();
                assertThat(failed.exitCode()).isNotZero();
                assertThat(failed.err())
                        .contains("an error occurred forwarding " + forward.localPort + " -> 9999: error forwarding"
                                + " port 9999 to pod default/" + pod)
                        .contains("connection refused");
            }
        }
    }
}

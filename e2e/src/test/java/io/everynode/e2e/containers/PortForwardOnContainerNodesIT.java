package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.container.RuncRuntime;
import io.everynode.cli.UpCommand;
import io.everynode.testkit.Kubectl;
import io.everynode.testkit.images.OciImage;
import io.everynode.testkit.images.TestRegistry;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        assumeTrue(
                RuncRuntime.unavailable("runc").isEmpty(),
                () -> RuncRuntime.unavailable("runc").get());
        assumeTrue(Files.isExecutable(Path.of("/usr/lib/cni/bridge")), "needs Debian's containernetworking-plugins");
        assumeTrue(
                TestRegistry.unavailable().isEmpty(),
                () -> TestRegistry.unavailable().get());
        try (TestRegistry registry = TestRegistry.start(Files.createDirectories(dir.resolve("registry")))) {
            registry.push(
                    "demo/web",
                    "1",
                    OciImage.busybox(
                            "sh",
                            "-c",
                            "mkdir -p /www && echo \"hello from $(hostname)\" > /www/index.html"
                                    + " && exec busybox httpd -f -p 8080 -h /www"));
            String image = registry.host() + "/demo/web:1";
            try (GuideCluster cluster = GuideCluster.up(new UpCommand().nodes(1).runtime("container"), dir)) {
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
                await().atMost(Duration.ofMinutes(2))
                        .until(() -> cluster.pods("default", "app=web").stream().anyMatch(GuideCluster::ready));
                String pod =
                        cluster.pods("default", "app=web").get(0).getMetadata().getName();

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
}

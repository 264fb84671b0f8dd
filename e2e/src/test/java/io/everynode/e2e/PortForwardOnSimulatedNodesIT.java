package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.cli.UpCommand;
import io.everynode.testkit.Kubectl;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated node has no ports to forward to: as a kubelet whose runtime fails, its agent takes
 * the session and tells kubectl per connection, so kubectl prints why rather than its SPDY
 * fallback's 400.
 */
class PortForwardOnSimulatedNodesIT {
    @TempDir
    Path dir;

    @Test
    void aConnectionToASimulatedPodIsRefusedWithTheRuntimesReason() throws Exception {
        try (GuideCluster cluster = GuideCluster.up(new UpCommand().nodes(1), dir)) {
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: sim, namespace: default}
                    spec:
                      containers:
                      - {name: main, image: example.com/anything:1}
                    """);
            await().atMost(GuideCluster.WAIT)
                    .until(() -> cluster.pod("default", "sim")
                            .map(GuideCluster::ready)
                            .orElse(false));
            try (PortForwarding forward = PortForwarding.start(cluster.kubectl, "pod/sim", 8080)) {
                try (Socket s = forward.connect()) {
                    assertThat(PortForwarding.get(s, "/")).isEmpty();
                }
                Kubectl.Result r = forward.ended();
                assertThat(r.err())
                        .contains("error forwarding port 8080 to pod default/sim, uid ")
                        .contains("the simulated runtime cannot forward ports");
            }
        }
    }
}

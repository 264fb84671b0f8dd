package io.everynode.controllers.e2e;

import static org.awaitility.Awaitility.await;

import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.controllers.nodelifecycle.NodeLifecycleConfig;
import io.everynode.controllers.podgc.PodGcConfig;
import io.everynode.controllers.testing.InProcessCluster;
import io.everynode.controllers.testing.Kubelet;
import io.everynode.testkit.Kubectl;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every e2e test starts from: a fresh {@link InProcessCluster} running every controller (as
 * {@code everynode server} runs them), the real kubectl pointed at it, and a {@link Kubelet}
 * stand-in for namespace {@link #NS}. No nodes: a test adds its own in a {@code @BeforeEach} of
 * its own, which JUnit runs after this one.
 */
abstract class E2eTestBase {
    static final String NS = InProcessCluster.NS;
    /** How long any awaited condition may take: generous, for a busy shared machine. */
    static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * Node heartbeats are not simulated, so the node lifecycle grace period is long enough that
     * no test outlives it; pod GC runs every second so that orphans go quickly.
     */
    private static final ControllerManagerConfig CONFIG = ControllerManagerConfig.defaults()
            .withNodeLifecycle(
                    new NodeLifecycleConfig(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofSeconds(1)))
            .withPodGc(new PodGcConfig(12500, Duration.ofSeconds(1), Duration.ofMillis(500)));

    @TempDir
    Path dir;

    InProcessCluster cluster;
    Kubectl kubectl;
    Kubelet kubelet;

    @BeforeEach
    final void startCluster() throws Exception {
        cluster = new InProcessCluster(CONFIG);
        kubectl = cluster.kubectl(dir);
        kubelet = new Kubelet(cluster.client, NS);
    }

    /** Plays the kubelet until the DaemonSet reports {@code n} pods available. */
    void awaitAvailable(String daemonSet, int n) {
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.counts(daemonSet).available() == n;
        });
    }

    @AfterEach
    final void stopCluster() throws Exception {
        cluster.close();
    }
}

package io.everynode.advisor.why;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.client.KubeClient;
import io.everynode.controlplane.testing.ControlPlaneExtension;
import io.everynode.testkit.Kubectl;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up the why ITs share, registered in a static field with {@code @RegisterExtension}: a
 * control plane in process for the class, its admin client, and one simulated fleet on it (empty:
 * each class adds its nodes in its {@code @BeforeAll}). The fleet closes before the control plane.
 */
final class SimulatedCluster implements BeforeAllCallback, AfterAllCallback {
    private final ControlPlaneExtension controlPlane = new ControlPlaneExtension();
    private final SimulatedRuntime.Config runtime;
    private SimulatedFleet fleet;

    /** @param runtime how fast the fleet's simulated containers pull, start, get ready and stop */
    SimulatedCluster(SimulatedRuntime.Config runtime) {
        this.runtime = runtime;
    }

    /** Containers that are pulled, started and ready within a fraction of a second. */
    static SimulatedRuntime.Config quick() {
        return new SimulatedRuntime.Config(
                Duration.ofMillis(50),
                Duration.ofMillis(50),
                Duration.ofMillis(20),
                Duration.ofMillis(200),
                Duration.ofMillis(50));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        controlPlane.beforeAll(context);
        fleet = new SimulatedFleet(client(), Clock.systemUTC(), runtime);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (fleet != null) fleet.close();
        } finally {
            fleet = null;
            controlPlane.afterAll(context);
        }
    }

    KubeClient client() {
        return controlPlane.get().client();
    }

    SimulatedFleet fleet() {
        return fleet;
    }

    /** The real kubectl against this control plane, its kubeconfig in {@code dir}. */
    Kubectl kubectl(Path dir) throws java.io.IOException {
        return Kubectl.forServer(controlPlane.get().url(), dir);
    }

    /** Waits until {@code why ds/NAME NODE} names {@code reason}; answers that answer. */
    Answer awaitReason(String ds, String node, Reason reason, Duration atMost) {
        WhyReader reader = new WhyReader(client(), Clock.systemUTC());
        Answer[] last = new Answer[1];
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .alias("why ds/" + ds + " " + node)
                .untilAsserted(() -> {
                    last[0] = new WhyAnswers()
                            .answer(reader.read("default", ds), node)
                            .get(0);
                    assertThat(last[0].reason()).as(last[0].toString()).isEqualTo(reason);
                });
        return last[0];
    }
}

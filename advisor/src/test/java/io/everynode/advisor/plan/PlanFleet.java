package io.everynode.advisor.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The simulated fleet plan's ITs measure rollouts on, and their DaemonSet {@code default/agent}.
 * Pods start in 2 s and turn ready 0.5 s later, with up to 0.5 s jitter: long against the control
 * plane's own latency, as a real image pull and start are.
 */
final class PlanFleet implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final KubeClient client;
    private final int nodes;
    private final SimulatedFleet fleet;

    /** Starts {@code nodes} nodes named {@code prefix-NN}, node i labelled {@code labels(i)}. */
    PlanFleet(KubeClient client, int nodes, String prefix, IntFunction<Map<String, String>> labels) {
        this.client = client;
        this.nodes = nodes;
        this.fleet = new SimulatedFleet(
                client,
                Clock.systemUTC(),
                new SimulatedRuntime.Config(
                        Duration.ofMillis(2000),
                        Duration.ofMillis(500),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(100)));
        List<AgentConfig> configs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            configs.add(AgentConfig.defaults(String.format("%s-%02d", prefix, i))
                    .withReportInterval(Duration.ofMillis(500))
                    .withLabels(labels.apply(i)));
        }
        fleet.addAll(configs, 4);
    }

    /**
     * Applies {@code next}'s template, strategy and annotations to the live DaemonSet and waits
     * until the rollout is done.
     */
    void update(DaemonSet next) {
        DaemonSet live = client.get(DaemonSet.class, "default", "agent");
        live.getSpec().setTemplate(next.getSpec().getTemplate());
        live.getSpec().setUpdateStrategy(next.getSpec().getUpdateStrategy());
        live.getMetadata().setAnnotations(next.getMetadata().getAnnotations());
        awaitRolledOut(client.update(live).getMetadata().getGeneration());
    }

    /** Every node runs an available pod of the generation's template, as the controller reports it. */
    void awaitRolledOut(long generation) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            DaemonSet ds = client.get(DaemonSet.class, "default", "agent");
            var s = ds.getStatus();
            assertThat(s).isNotNull();
            assertThat(s.getObservedGeneration()).isGreaterThanOrEqualTo(generation);
            assertThat(s.getDesiredNumberScheduled()).isEqualTo(nodes);
            assertThat(s.getUpdatedNumberScheduled()).isEqualTo(nodes);
            assertThat(s.getNumberAvailable()).isEqualTo(nodes);
            assertThat(s.getNumberUnavailable() == null ? 0 : s.getNumberUnavailable())
                    .isZero();
        });
    }

    @Override
    public void close() {
        fleet.close();
    }
}

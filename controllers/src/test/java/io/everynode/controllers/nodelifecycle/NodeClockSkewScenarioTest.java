package io.everynode.controllers.nodelifecycle;

import static io.everynode.controllers.nodelifecycle.Nodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.scheduling.DefaultTolerationSeconds;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 item 5's three measured cases, each a node whose clock disagrees with the controller's,
 * run second by second the way the runner drives the controller: a health pass whenever the time
 * it asked for comes, an eviction pass for the node every second. Silence is measured from when
 * the controller observed a change, on its own clock, as upstream does.
 */
class NodeClockSkewScenarioTest {
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private final ManualClock clock = new ManualClock(T0);
    private final LifecycleWorld world = new LifecycleWorld();
    private final NodeLifecycleController controller =
            new NodeLifecycleController(NodeLifecycleConfig.defaults(), world, world, clock);
    private Instant nextHealthPass;

    @Test
    void aNodeHeartbeatingOnAClockTenMinutesSlowStaysReadyUntaintedAndKeepsItsPod() {
        Instant slow = T0.minus(TEN_MINUTES);
        world.put(healthy("n1", slow));
        world.renewLease("n1", slow);
        world.put(pod("intolerant", "n1"));
        world.put(DefaultTolerationSeconds.addDefaultTolerations(pod("web", "n1")));

        run(Duration.ofSeconds(100), now -> {
            if (now.getEpochSecond() % 5 == 0) {
                Instant nodeTime = now.minus(TEN_MINUTES);
                world.put(healthy("n1", nodeTime));
                world.renewLease("n1", nodeTime);
            }
        });

        assertThat(world.log).isEmpty();
        assertThat(NodeHealth.condition(world.nodes.get("n1"), "Ready").getStatus())
                .isEqualTo("True");
        assertThat(taintKeys(world.nodes.get("n1"))).isEmpty();
        assertThat(world.pods).containsOnlyKeys("intolerant", "web");
    }

    @Test
    void aNodeThatWroteOneHeartbeatAnHourAheadAndWentSilentIsLostAfterTheGraceFromWhenItWasSeen() {
        Instant ahead = T0.plus(Duration.ofHours(1));
        world.put(healthy("n1", ahead));
        world.renewLease("n1", ahead);

        run(Duration.ofSeconds(39), now -> {});
        assertThat(world.log).isEmpty();
        run(Duration.ofSeconds(61), now -> {});

        NodeCondition ready = NodeHealth.condition(world.nodes.get("n1"), "Ready");
        assertThat(ready.getStatus()).isEqualTo("Unknown");
        assertThat(ready.getLastTransitionTime()).isEqualTo(T0.plusSeconds(40).toString());
        assertThat(taintKeys(world.nodes.get("n1")))
                .containsExactly(
                        "node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute");
        assertThat(world.nodes.get("n1").getSpec().getTaints().get(1).getTimeAdded())
                .isEqualTo(T0.plusSeconds(40).toString());
    }

    @Test
    void aNodeRegisteredReadyWithoutAHeartbeatTimeGetsItsFullGrace() {
        world.put(readyWithoutHeartbeat("n1"));

        run(Duration.ofSeconds(39), now -> {});
        assertThat(world.log).isEmpty();
        assertThat(NodeHealth.condition(world.nodes.get("n1"), "Ready").getStatus())
                .isEqualTo("True");
        run(Duration.ofSeconds(1), now -> {});

        NodeCondition ready = NodeHealth.condition(world.nodes.get("n1"), "Ready");
        assertThat(ready.getStatus()).isEqualTo("Unknown");
        assertThat(ready.getLastTransitionTime()).isEqualTo(T0.plusSeconds(40).toString());
    }

    /**
     * Runs for {@code span} in one-second steps: the node acts first, then the health pass runs
     * when due and the node's eviction pass runs, as the runner's queue would.
     */
    private void run(Duration span, Consumer<Instant> node) {
        if (nextHealthPass == null) nextHealthPass = controller.monitorNodeHealth();
        for (long s = 0; s < span.toSeconds(); s++) {
            Instant now = clock.advance(Duration.ofSeconds(1));
            node.accept(now);
            if (!now.isBefore(nextHealthPass)) nextHealthPass = controller.monitorNodeHealth();
            controller.evictPods("n1");
        }
    }

    private static Node readyWithoutHeartbeat(String name) {
        NodeCondition ready = new NodeConditionBuilder()
                .withType("Ready")
                .withStatus("True")
                .withReason("KubeletReady")
                .build();
        return new NodeBuilder(fresh(name))
                .withNewStatus()
                .withConditions(ready)
                .endStatus()
                .build();
    }
}

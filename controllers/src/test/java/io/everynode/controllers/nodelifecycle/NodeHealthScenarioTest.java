package io.everynode.controllers.nodelifecycle;

import static io.everynode.controllers.nodelifecycle.Nodes.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** R10.1–R10.3 on the controller's pure core: its clock is the only one that measures silence. */
class NodeHealthScenarioTest {
    private final ManualClock clock = new ManualClock(T0);
    private final LifecycleWorld world = new LifecycleWorld();
    private final NodeLifecycleController controller =
            new NodeLifecycleController(NodeLifecycleConfig.defaults(), world, world, clock);

    private NodeCondition cond(String node, String type) {
        return NodeHealth.condition(world.nodes.get(node), type);
    }

    @Test
    void aNodeWithinItsGracePeriodIsLeftAlone() {
        world.put(healthy("n1", T0));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(39));
        assertThat(controller.monitorNodeHealth()).isEqualTo(T0.plusSeconds(40));
        assertThat(world.log).isEmpty();
    }

    @Test
    void whenHeartbeatsStopTheNodeTurnsUnknownAndGetsUnreachableTaints() {
        world.put(healthy("n1", T0));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(40));
        controller.monitorNodeHealth();
        for (String type : NodeHealth.WATCHED) {
            NodeCondition c = cond("n1", type);
            assertThat(c.getStatus()).as(type).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("NodeStatusUnknown");
            assertThat(c.getMessage()).isEqualTo("Kubelet stopped posting node status.");
            assertThat(c.getLastTransitionTime()).isEqualTo(T0.plusSeconds(40).toString());
            assertThat(c.getLastHeartbeatTime()).isEqualTo(T0.toString());
        }
        assertThat(taintKeys(world.nodes.get("n1")))
                .containsExactly(
                        "node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute");
        assertThat(world.nodes.get("n1").getSpec().getTaints().get(1).getTimeAdded())
                .isEqualTo(T0.plusSeconds(40).toString());
    }

    @Test
    void aSecondPassOverALostNodeWritesNothing() {
        world.put(healthy("n1", T0));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(40));
        controller.monitorNodeHealth();
        world.log.clear();
        clock.advance(Duration.ofSeconds(30));
        controller.monitorNodeHealth();
        assertThat(world.log).isEmpty();
        assertThat(cond("n1", "Ready").getLastTransitionTime())
                .isEqualTo(T0.plusSeconds(40).toString());
    }

    @Test
    void aRenewedLeaseKeepsANodeAliveWhoseStatusIsOld() {
        world.put(healthy("n1", T0));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(30));
        world.renewLease("n1", clock.instant());
        assertThat(controller.monitorNodeHealth()).isEqualTo(T0.plusSeconds(35));
        clock.advance(Duration.ofSeconds(39));
        controller.monitorNodeHealth();
        assertThat(world.log).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        controller.monitorNodeHealth();
        assertThat(cond("n1", "Ready").getStatus()).isEqualTo("Unknown");
    }

    @Test
    void aLeaseWhoseRenewTimeWentBackIsStillARenewal() {
        world.put(healthy("n1", T0));
        world.renewLease("n1", T0);
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(30));
        world.renewLease("n1", T0.minus(Duration.ofMinutes(10)));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(30));
        controller.monitorNodeHealth();
        assertThat(world.log).isEmpty();
        assertThat(cond("n1", "Ready").getStatus()).isEqualTo("True");
    }

    @Test
    void whenHeartbeatsResumeTheTaintsAreCleared() {
        world.put(healthy("n1", T0));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(40));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(20));
        Instant now = clock.instant();
        // The kubelet posts fresh conditions; the taints it does not own are still there.
        world.put(Nodes.withTaints(
                healthy("n1", now), world.nodes.get("n1").getSpec().getTaints().toArray(new Taint[0])));
        world.log.clear();
        controller.monitorNodeHealth();
        assertThat(world.log).containsExactly("taints n1:");
        assertThat(taintKeys(world.nodes.get("n1"))).isEmpty();
    }

    @Test
    void aNodeThatNeverPostedStatusGetsTheStartupGraceFromItsCreation() {
        world.put(fresh("n1"));
        clock.advance(Duration.ofSeconds(20));
        assertThat(controller.monitorNodeHealth()).isEqualTo(T0.plusSeconds(25));
        clock.advance(Duration.ofSeconds(39));
        assertThat(controller.monitorNodeHealth()).isEqualTo(T0.plusSeconds(60));
        assertThat(world.log).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        controller.monitorNodeHealth();
        NodeCondition ready = cond("n1", "Ready");
        assertThat(ready.getStatus()).isEqualTo("Unknown");
        assertThat(ready.getReason()).isEqualTo("NodeStatusNeverUpdated");
        assertThat(ready.getMessage()).isEqualTo("Kubelet never posted node status.");
        assertThat(ready.getLastTransitionTime()).isEqualTo(T0.plusSeconds(60).toString());
        assertThat(taintKeys(world.nodes.get("n1"))).contains("node.kubernetes.io/unreachable:NoExecute");
    }

    @Test
    void aNeverPostedNodeCreatedAheadOfTheControllersClockGetsTheStartupGraceFromWhenItWasSeen() {
        world.put(new NodeBuilder(fresh("n1"))
                .editMetadata()
                .withCreationTimestamp(T0.plus(Duration.ofHours(1)).toString())
                .endMetadata()
                .build());
        assertThat(controller.monitorNodeHealth()).isEqualTo(T0.plusSeconds(5));
        clock.advance(Duration.ofSeconds(60));
        controller.monitorNodeHealth();
        assertThat(cond("n1", "Ready").getStatus()).isEqualTo("Unknown");
    }

    @Test
    void aNotReadyNodeSwapsToUnreachableKeepingOtherTaints() {
        Node node = withTaints(
                withConditions("n1", T0, "False", "False"),
                taint("dedicated", "NoSchedule", null),
                taint("node.kubernetes.io/not-ready", "NoSchedule", null),
                taint("node.kubernetes.io/not-ready", "NoExecute", T0));
        world.put(node);
        controller.monitorNodeHealth();
        assertThat(world.log).isEmpty();
        clock.advance(Duration.ofSeconds(45));
        controller.monitorNodeHealth();
        assertThat(taintKeys(world.nodes.get("n1")))
                .containsExactly(
                        "dedicated:NoSchedule",
                        "node.kubernetes.io/unreachable:NoSchedule",
                        "node.kubernetes.io/unreachable:NoExecute");
    }

    @Test
    void theNextCheckIsNoLaterThanOneMonitorPeriod() {
        world.put(healthy("n1", T0.plusSeconds(100)));
        assertThat(controller.monitorNodeHealth()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void aRestartedControllerGivesANodeItsFullGraceFromWhenItFirstSeesIt() {
        world.put(healthy("n1", T0));
        clock.advance(Duration.ofMinutes(10));
        NodeLifecycleController restarted =
                new NodeLifecycleController(NodeLifecycleConfig.defaults(), world, world, clock);
        assertThat(restarted.monitorNodeHealth()).isEqualTo(clock.instant().plusSeconds(5));
        clock.advance(Duration.ofSeconds(39));
        restarted.monitorNodeHealth();
        assertThat(world.log).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        restarted.monitorNodeHealth();
        assertThat(cond("n1", "Ready").getStatus()).isEqualTo("Unknown");
    }

    @Test
    void aNodeDeletedAndCreatedAgainUnderItsNameIsANewNode() {
        world.put(withUid(healthy("n1", T0), "first"));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(30));
        // The same name and the same status timestamps, but another object: first seen now.
        world.put(withUid(healthy("n1", T0), "second"));
        controller.monitorNodeHealth();
        clock.advance(Duration.ofSeconds(39));
        controller.monitorNodeHealth();
        assertThat(world.log).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        controller.monitorNodeHealth();
        assertThat(cond("n1", "Ready").getStatus()).isEqualTo("Unknown");
    }

    private static Node withUid(Node node, String uid) {
        return new NodeBuilder(node).editMetadata().withUid(uid).endMetadata().build();
    }
}

package io.everynode.controllers.scheduler;

import static io.everynode.controllers.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryWorld world = new InMemoryWorld();
    private final RecordingActions actions = new RecordingActions();
    private final Scheduler scheduler = new Scheduler(SchedulerConfig.defaults(), world, actions, clock);

    private void submit(Pod... pods) {
        world.add(pods);
        for (Pod p : pods) {
            scheduler.onPodChange(p);
        }
    }

    private void runAll() {
        while (scheduler.scheduleNext().isPresent()) {
            // keep going
        }
    }

    @Test
    void aFittingPodIsBoundAndTheScheduledEventRecorded() {
        world.add(node("n1"));
        submit(pod("p", "100m", "64Mi"));
        runAll();
        assertThat(actions.log)
                .containsExactly("bind p n1", "event p Normal Scheduled: Successfully assigned default/p to n1");
    }

    @Test
    void assumedPodsFillANodeBeforeTheCacheShowsThem() {
        world.add(node("n1", "1", "1Gi", 110), node("n2", "1", "1Gi", 110));
        submit(pod("a", "600m", null), pod("b", "600m", null), pod("c", "600m", null));
        runAll();
        assertThat(actions.starting("bind")).containsExactly("bind a n1", "bind b n2");
        assertThat(actions.starting("event c"))
                .containsExactly(
                        "event c Warning FailedScheduling: 0/2 nodes are available: 2 Insufficient cpu. preemption: "
                                + "0/2 nodes are available: 2 No preemption victims found for incoming pod.");
    }

    @Test
    void anUnschedulablePodGetsUpstreamsMessageConditionAndEvent() {
        world.add(
                node("n1", "1", "1Gi", 110),
                labelled(node("n2"), "zone", "b"),
                tainted(node("n3"), "dedicated", "gpu", "NoSchedule"));
        submit(nodeSelector(pod("p", "500m", "2Gi"), "zone", "a"));
        // n1 is short of memory but fails the selector first; give n1 the label to see both reasons
        world.add(labelled(node("n1", "1", "1Gi", 110), "zone", "a"));
        runAll();
        String msg = "0/3 nodes are available: 1 Insufficient memory, 1 node(s) didn't match Pod's node "
                + "affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/3 nodes are "
                + "available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.";
        assertThat(actions.log)
                .containsExactly(
                        "condition p PodScheduled=False Unschedulable: " + msg,
                        "event p Warning FailedScheduling: " + msg);
    }

    @Test
    void aParkedPodIsRetriedWhenANodeArrives() {
        submit(pod("p"));
        runAll();
        assertThat(actions.starting("event p"))
                .containsExactly("event p Warning FailedScheduling: no nodes available to schedule pods");
        world.add(node("n1"));
        scheduler.onNodeChange();
        assertThat(scheduler.scheduleNext()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        runAll();
        assertThat(actions.starting("bind")).containsExactly("bind p n1");
    }

    @Test
    void higherPriorityPodsAreScheduledFirst() {
        world.add(node("n1", "1", "1Gi", 110));
        submit(priority(pod("low", "1", null), 1), priority(pod("high", "1", null), 100));
        runAll();
        assertThat(actions.starting("bind")).containsExactly("bind high n1");
    }

    @Test
    void aDaemonPodPreemptsOnlyOnItsOwnNode() {
        world.add(node("n1", "1", "1Gi", 110), node("n2", "1", "1Gi", 110));
        world.add(priority(boundTo(pod("v1", "1", null), "n1"), 0), priority(boundTo(pod("v2", "1", null), "n2"), -5));
        Pod daemon = priority(pinnedTo(pod("ds-n1", "500m", null), "n1"), 2_000_001_000);
        submit(daemon);
        runAll();
        String msg =
                "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector.";
        assertThat(actions.log)
                .containsExactly(
                        "nominate ds-n1 'n1'",
                        "condition v1 DisruptionTarget=True PreemptionByScheduler: default-scheduler: preempting to "
                                + "accommodate a higher priority pod",
                        "delete v1",
                        "event v1 Normal Preempted: Preempted by pod uid-ds-n1 on node n1",
                        "condition ds-n1 PodScheduled=False Unschedulable: " + msg,
                        "event ds-n1 Warning FailedScheduling: " + msg);
    }

    @Test
    void thePreemptorIsBoundOnceItsVictimIsGone() {
        world.add(node("n1", "1", "1Gi", 110));
        Pod victim = priority(boundTo(pod("v", "1", null), "n1"), 0);
        world.add(victim);
        submit(priority(pod("p", "1", null), 10));
        runAll();
        assertThat(actions.log).contains("delete v");
        world.remove(victim);
        world.add(nominated(priority(pod("p", "1", null), 10), "n1"));
        scheduler.onPodDelete(victim);
        clock.advance(Duration.ofSeconds(1));
        runAll();
        assertThat(actions.starting("bind")).containsExactly("bind p n1");
    }

    @Test
    void aNominatedHigherPriorityPodKeepsItsRoomFromLowerPriorityPods() {
        world.add(node("n1", "1", "1Gi", 110));
        world.add(nominated(priority(pod("big", "1", null), 100), "n1"));
        submit(priority(pod("small", "500m", null), 1));
        runAll();
        assertThat(actions.starting("bind")).isEmpty();
    }

    @Test
    void preemptionPolicyNeverAppearsInTheMessage() {
        world.add(node("n1", "1", "1Gi", 110));
        world.add(priority(boundTo(pod("v", "1", null), "n1"), 0));
        submit(preemptionPolicy(priority(pod("p", "1", null), 10), "Never"));
        runAll();
        assertThat(actions.log)
                .containsExactly(
                        "condition p PodScheduled=False Unschedulable: 0/1 nodes are available: 1 Insufficient cpu. "
                                + "preemption: not eligible due to preemptionPolicy=Never.",
                        "event p Warning FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu. "
                                + "preemption: not eligible due to preemptionPolicy=Never.");
    }

    @Test
    void podsOfOtherSchedulersBoundPodsAndTerminatingPodsAreIgnored() {
        world.add(node("n1"));
        Pod other = new io.fabric8.kubernetes.api.model.PodBuilder(pod("other"))
                .editSpec()
                .withSchedulerName("my-scheduler")
                .endSpec()
                .build();
        submit(other, boundTo(pod("bound"), "n1"), terminating(pod("going")), terminal(pod("done"), "Succeeded"));
        runAll();
        assertThat(actions.log).isEmpty();
        assertThat(scheduler.nextAttemptAt()).isEmpty();
    }

    @Test
    void aFailedBindIsRetriedAfterBackoff() {
        world.add(node("n1"));
        actions.failBinds = true;
        submit(pod("p"));
        runAll();
        assertThat(actions.log).isEmpty();
        actions.failBinds = false;
        scheduler.onNodeChange();
        clock.advance(Duration.ofSeconds(1));
        runAll();
        assertThat(actions.log)
                .containsExactly("bind p n1", "event p Normal Scheduled: Successfully assigned default/p to n1");
    }

    @Test
    void decideIsAPlanAndWritesNothing() {
        world.add(node("n1"), node("n2"));
        world.add(boundTo(pod("x", "1", "1Gi"), "n1"));
        assertThat(scheduler.decide(pod("p", "100m", null))).isEqualTo(new SchedulingDecision.Bind("n2"));
        assertThat(actions.log).isEmpty();
    }

    @Test
    void anUnchangedUnschedulableConditionIsNotRewritten() {
        world.add(node("n1", "1", "1Gi", 110));
        Pod p = pod("p", "2", null);
        submit(p);
        runAll();
        String condition = actions.starting("condition").get(0);
        Pod withCondition = new io.fabric8.kubernetes.api.model.PodBuilder(p)
                .editStatus()
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("False")
                .withReason("Unschedulable")
                .withMessage(condition.substring(condition.indexOf(": ") + 2))
                .endCondition()
                .endStatus()
                .build();
        world.add(withCondition);
        actions.log.clear();
        scheduler.onPodChange(withCondition);
        clock.advance(Duration.ofSeconds(1));
        runAll();
        assertThat(actions.starting("condition")).isEmpty();
        assertThat(actions.starting("event")).hasSize(1);
        assertThat(List.copyOf(actions.log)).hasSize(1);
    }

    @Test
    void aDaemonPodIsBoundToItsNamedNodeAndLooksAtNoOther() {
        CountingWorld counting = new CountingWorld(world);
        Scheduler s = new Scheduler(SchedulerConfig.defaults(), counting, actions, clock);
        world.add(node("n1"), node("n2"), node("n3"));
        Pod daemon = pinnedTo(pod("ds-n2", "100m", null), "n2");
        world.add(daemon);
        s.onPodChange(daemon);
        while (s.scheduleNext().isPresent()) {
            // keep going
        }
        assertThat(actions.starting("bind")).containsExactly("bind ds-n2 n2");
        assertThat(counting.fullReads).isZero();
    }

    @Test
    void aDaemonPodSeesPodsAssumedOnItsNode() {
        world.add(node("n1", "1", "1Gi", 110));
        submit(pod("first", "800m", null));
        runAll();
        submit(pinnedTo(pod("ds-n1", "500m", null), "n1"));
        runAll();
        assertThat(actions.starting("bind")).containsExactly("bind first n1");
        assertThat(actions.starting("event ds-n1"))
                .containsExactly("event ds-n1 Warning FailedScheduling: "
                        + "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
                        + "1 No preemption victims found for incoming pod.");
    }

    /** A world that counts reads of every node or every pod (the scans the fast path avoids). */
    private static final class CountingWorld implements SchedulerWorld {
        private final InMemoryWorld inner;
        int fullReads;

        CountingWorld(InMemoryWorld inner) {
            this.inner = inner;
        }

        @Override
        public List<io.fabric8.kubernetes.api.model.Node> nodes() {
            fullReads++;
            return inner.nodes();
        }

        @Override
        public List<Pod> pods() {
            fullReads++;
            return inner.pods();
        }

        @Override
        public java.util.Optional<Pod> pod(String namespace, String name) {
            return inner.pod(namespace, name);
        }

        @Override
        public java.util.Optional<io.fabric8.kubernetes.api.model.Node> node(String name) {
            return java.util.Optional.ofNullable(inner.nodes.get(name));
        }

        @Override
        public List<Pod> podsOn(String node) {
            return inner.pods.values().stream()
                    .filter(p -> node.equals(p.getSpec().getNodeName()))
                    .toList();
        }

        @Override
        public List<Pod> nominatedTo(String node) {
            return List.of();
        }
    }
}

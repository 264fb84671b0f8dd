package io.everynode.advisor.why;

import static io.everynode.advisor.why.Fixtures.daemonPod;
import static io.everynode.advisor.why.Fixtures.ds;
import static io.everynode.advisor.why.Fixtures.edge;
import static io.everynode.advisor.why.Fixtures.event;
import static io.everynode.advisor.why.Fixtures.node;
import static io.everynode.advisor.why.Fixtures.only;
import static io.everynode.advisor.why.Fixtures.ready;
import static io.everynode.advisor.why.Fixtures.withStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reason named for each kind of node and pod state; one test per reason, on fabric8 objects. */
class WhyAnswersTest {
    private final DaemonSet ds = ds();

    @Test
    void aNodeWithoutTheSelectorsLabelShouldNotRunAndTheMissingLabelIsNamed() {
        Answer a = only(ds, node("n1", Map.of("pool", "core"), "2"), List.of(), List.of());

        assertThat(a.verdict()).isEqualTo(Verdict.SHOULD_NOT_RUN);
        assertThat(a.reason()).isEqualTo(Reason.NODE_SELECTOR);
        assertThat(a.message()).isEqualTo("node(s) didn't match Pod's node affinity/selector");
        assertThat(a.details()).containsExactly("nodeSelector pool=edge: node has pool=core");
    }

    @Test
    void aNodeMatchingNoRequiredAffinityTermShouldNotRunAndEachTermIsShown() {
        ds.getSpec()
                .getTemplate()
                .getSpec()
                .setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder()
                        .withNewNodeAffinity()
                        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                        .addNewNodeSelectorTerm()
                        .withMatchExpressions(new NodeSelectorRequirementBuilder()
                                .withKey("zone")
                                .withOperator("In")
                                .withValues("z1")
                                .build())
                        .endNodeSelectorTerm()
                        .endRequiredDuringSchedulingIgnoredDuringExecution()
                        .endNodeAffinity()
                        .build());

        Answer a = only(ds, node("n1", Map.of("pool", "edge", "zone", "z2"), "2"), List.of(), List.of());

        assertThat(a.reason()).isEqualTo(Reason.NODE_AFFINITY);
        assertThat(a.message()).isEqualTo("node(s) didn't match Pod's node affinity/selector");
        assertThat(a.details())
                .containsExactly("required node-affinity term 1 does not match: zone In [z1] (node has zone=z2)");
    }

    @Test
    void anUntoleratedTaintIsNamedInTheSchedulersWords() {
        Node tainted = node(
                "n1",
                Map.of("pool", "edge"),
                "2",
                new TaintBuilder()
                        .withKey("dedicated")
                        .withValue("db")
                        .withEffect("NoSchedule")
                        .build());

        Answer a = only(ds, tainted, List.of(), List.of());

        assertThat(a.reason()).isEqualTo(Reason.UNTOLERATED_TAINT);
        assertThat(a.message()).isEqualTo("node(s) had untolerated taint {dedicated: db}");
        assertThat(a.details()).first().isEqualTo("taint dedicated=db:NoSchedule is not tolerated");
    }

    @Test
    void aNodeShortOfCpuCannotFitAndShowsRequestedAgainstFree() {
        Node small = node("n1", Map.of("pool", "edge"), "1");
        Pod other = new PodBuilder()
                .withNewMetadata()
                .withName("db")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withNodeName("n1")
                .addNewContainer()
                .withName("db")
                .withNewResources()
                .addToRequests("cpu", new Quantity("900m"))
                .endResources()
                .endContainer()
                .endSpec()
                .build();

        Answer a = new WhyAnswers()
                .answer(new WhyInput(ds, List.of(small), List.of(), List.of(other), List.of(), Fixtures.NOW), null)
                .get(0);

        assertThat(a.verdict()).isEqualTo(Verdict.CANNOT_FIT);
        assertThat(a.reason()).isEqualTo(Reason.INSUFFICIENT_RESOURCES);
        assertThat(a.message()).isEqualTo("Insufficient cpu (requested 200m, free 100m)");
        assertThat(a.details()).containsExactly("cpu: requested 200m, free 100m of 1 allocatable (1 pods on the node)");
    }

    @Test
    void aPendingDaemonPodThatDoesNotFitIsAnsweredWithTheShortResourceNotJustPending() {
        Node small = node("n1", Map.of("pool", "edge"), "100m");
        Pod pending = pendingPod("agent-x", "0/1 nodes are available: 1 Insufficient cpu.", null);

        Answer a = only(ds, small, List.of(pending), List.of());

        assertThat(a.reason()).isEqualTo(Reason.INSUFFICIENT_RESOURCES);
        assertThat(a.pod()).isEqualTo("agent-x");
        assertThat(a.message()).isEqualTo("Insufficient cpu (requested 200m, free 100m)");
    }

    @Test
    void aPendingDaemonPodThatFitsWaitsWithTheSchedulersLastMessage() {
        Pod pending = pendingPod("agent-x", "0/3 nodes are available: 3 node(s) had volume conflicts.", null);

        Answer a = only(ds, edge("n1"), List.of(pending), List.of());

        assertThat(a.verdict()).isEqualTo(Verdict.WAITING);
        assertThat(a.reason()).isEqualTo(Reason.UNSCHEDULED);
        assertThat(a.message()).isEqualTo("0/3 nodes are available: 3 node(s) had volume conflicts.");
    }

    @Test
    void aNominatedPodWaitsForPreemption() {
        Pod pending = pendingPod("agent-x", "0/1 nodes are available: 1 Insufficient cpu.", "n1");

        Answer a = only(ds, node("n1", Map.of("pool", "edge"), "100m"), List.of(pending), List.of());

        assertThat(a.reason()).isEqualTo(Reason.PREEMPTION);
        assertThat(a.message()).isEqualTo("nominated to n1: waiting for preempted pods to terminate");
    }

    @Test
    void aReadyPodOfTheCurrentRevisionRuns() {
        Answer a = only(ds, edge("n1"), List.of(ready(daemonPod("agent-a", "n1", ds))), List.of());

        assertThat(a.verdict()).isEqualTo(Verdict.RUNS);
        assertThat(a.reason()).isEqualTo(Reason.RUNNING);
        assertThat(a.message()).isEqualTo("runs agent-a, ready, current revision");
    }

    @Test
    void anOldPodWaitsForTheRolloutBudgetWhileAnotherNodeIsUnavailable() {
        Pod old = ready(daemonPod("agent-a", "n1", ds)
                .editMetadata()
                .addToLabels("controller-revision-hash", "oldhash")
                .endMetadata());
        Pod starting = withStatus(daemonPod("agent-b", "n2", ds), "Pending");

        List<Answer> answers = new WhyAnswers()
                .answer(Fixtures.input(ds, List.of(edge("n1"), edge("n2")), List.of(old, starting), List.of()), null);

        assertThat(answers.get(0).reason()).isEqualTo(Reason.ROLLOUT_BUDGET);
        assertThat(answers.get(0).message()).isEqualTo("old revision kept: 1 of 2 nodes unavailable, maxUnavailable 1");
    }

    @Test
    void anOldPodRunsWhenTheBudgetLeavesRoomForItsTurn() {
        Pod old = ready(daemonPod("agent-a", "n1", ds)
                .editMetadata()
                .addToLabels("controller-revision-hash", "oldhash")
                .endMetadata());
        Pod fine = ready(daemonPod("agent-b", "n2", ds));

        List<Answer> answers = new WhyAnswers()
                .answer(Fixtures.input(ds, List.of(edge("n1"), edge("n2")), List.of(old, fine), List.of()), null);

        assertThat(answers.get(0).reason()).isEqualTo(Reason.RUNNING);
        assertThat(answers.get(0).message()).isEqualTo("runs agent-a, ready, old revision");
    }

    @Test
    void aCrashLoopNamesTheLastExitCodeAndTheRestarts() {
        Pod crashing = withStatus(
                daemonPod("agent-a", "n1", ds),
                "Running",
                new ContainerStatusBuilder()
                        .withName("main")
                        .withReady(false)
                        .withRestartCount(3)
                        .withNewState()
                        .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .withMessage("back-off 40s restarting failed container=main pod=agent-a_default(agent-a-uid)")
                        .endWaiting()
                        .endState()
                        .withNewLastState()
                        .withNewTerminated()
                        .withExitCode(1)
                        .withReason("Error")
                        .endTerminated()
                        .endLastState()
                        .build());

        Answer a = only(ds, edge("n1"), List.of(crashing), List.of());

        assertThat(a.verdict()).isEqualTo(Verdict.NOT_READY);
        assertThat(a.reason()).isEqualTo(Reason.CRASH_LOOP);
        assertThat(a.message())
                .isEqualTo("back-off 40s restarting failed container=main pod=agent-a_default(agent-a-uid)");
        assertThat(a.details()).containsExactly("container main: restarts 3", "last exit code 1 (Error)");
    }

    @Test
    void anOomKilledContainerIsSaidToBe() {
        Pod oom = withStatus(
                daemonPod("agent-a", "n1", ds),
                "Running",
                new ContainerStatusBuilder()
                        .withName("main")
                        .withReady(false)
                        .withRestartCount(1)
                        .withNewState()
                        .withNewRunning()
                        .endRunning()
                        .endState()
                        .withNewLastState()
                        .withNewTerminated()
                        .withExitCode(137)
                        .withReason("OOMKilled")
                        .endTerminated()
                        .endLastState()
                        .build());

        Answer a = only(ds, edge("n1"), List.of(oom), List.of());

        assertThat(a.reason()).isEqualTo(Reason.CRASH_LOOP);
        assertThat(a.message()).isEqualTo("OOMKilled: CrashLoopBackOff: container main exited with code 137");
    }

    @Test
    void aRunningPodThatIsNotReadyShowsTheFailingReadinessProbe() {
        Pod unready = withStatus(daemonPod("agent-a", "n1", ds), "Running", running(false));
        var probe = event(
                "Pod",
                "agent-a",
                "agent-a-uid",
                "Unhealthy",
                "Readiness probe failed: dial tcp 127.0.0.1:9: connect: connection refused",
                "2026-12-05T09:59:00Z");

        Answer a = only(ds, edge("n1"), List.of(unready), List.of(probe));

        assertThat(a.verdict()).isEqualTo(Verdict.NOT_READY);
        assertThat(a.reason()).isEqualTo(Reason.READINESS_FAILING);
        assertThat(a.message()).isEqualTo("Readiness probe failed: dial tcp 127.0.0.1:9: connect: connection refused");
        assertThat(a.details()).contains("probe failed 3 times");
    }

    @Test
    void anImagePullBackOffWaits() {
        Pod pulling = withStatus(
                daemonPod("agent-a", "n1", ds),
                "Pending",
                new ContainerStatusBuilder()
                        .withName("main")
                        .withNewState()
                        .withNewWaiting()
                        .withReason("ImagePullBackOff")
                        .withMessage("Back-off pulling image \"agent:1.0\"")
                        .endWaiting()
                        .endState()
                        .build());

        Answer a = only(ds, edge("n1"), List.of(pulling), List.of());

        assertThat(a.reason()).isEqualTo(Reason.BACK_OFF);
        assertThat(a.message()).isEqualTo("Back-off pulling image \"agent:1.0\"");
    }

    @Test
    void anEvictedPodIsAnsweredWithTheKubeletsMessage() {
        Pod evicted = daemonPod("agent-a", "n1", ds)
                .withNewStatus()
                .withPhase("Failed")
                .withReason("Evicted")
                .withMessage("The node was low on resource: memory. Threshold quantity: 100Mi, available: 24Mi. ")
                .endStatus()
                .build();

        Answer a = only(ds, edge("n1"), List.of(evicted), List.of());

        assertThat(a.verdict()).isEqualTo(Verdict.EVICTED);
        assertThat(a.message()).startsWith("The node was low on resource: memory.");
    }

    @Test
    void anEvictedPodTheControllerDeletedIsFoundThroughTheEvents() {
        var failed = event(
                "DaemonSet",
                "agent",
                "ds-uid",
                "FailedDaemonPod",
                "Found failed daemon pod default/agent-a on node n1, will try to kill it",
                "2026-12-05T09:59:00Z");
        var evicted = event(
                "Pod",
                "agent-a",
                "agent-a-uid",
                "Evicted",
                "The node was low on resource: memory.",
                "2026-12-05T09:58:59Z");

        Answer a = only(ds, edge("n1"), List.of(), List.of(failed, evicted));

        assertThat(a.reason()).isEqualTo(Reason.EVICTED);
        assertThat(a.pod()).isEqualTo("agent-a");
        assertThat(a.message()).isEqualTo("The node was low on resource: memory.");
    }

    @Test
    void aNodeThatShouldRunAPodAndHasNoneYetWaitsForTheController() {
        Answer a = only(ds, edge("n1"), List.of(), List.of());

        assertThat(a.reason()).isEqualTo(Reason.NO_POD_YET);
    }

    @Test
    void onlyTheNamedNodeIsAnsweredAndEveryNodeOtherwiseInNameOrder() {
        WhyInput in = Fixtures.input(ds, List.of(edge("b"), edge("a"), edge("c")), List.of(), List.of());

        assertThat(new WhyAnswers().answer(in, "c")).extracting(Answer::node).containsExactly("c");
        assertThat(new WhyAnswers().answer(in, null)).extracting(Answer::node).containsExactly("a", "b", "c");
        assertThat(new WhyAnswers().answer(in, "nope")).isEmpty();
    }

    private Pod pendingPod(String name, String message, String nominated) {
        return daemonPod(name, "", ds)
                .editSpec()
                .withNodeName(null)
                .withNewAffinity()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm()
                .addNewMatchField()
                .withKey("metadata.name")
                .withOperator("In")
                .withValues("n1")
                .endMatchField()
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .endAffinity()
                .endSpec()
                .withNewStatus()
                .withPhase("Pending")
                .withNominatedNodeName(nominated)
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("False")
                .withReason("Unschedulable")
                .withMessage(message)
                .endCondition()
                .endStatus()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.ContainerStatus running(boolean ready) {
        return new ContainerStatusBuilder()
                .withName("main")
                .withReady(ready)
                .withRestartCount(0)
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .build();
    }
}

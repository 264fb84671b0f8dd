package io.everynode.advisor.plan;

import static io.everynode.advisor.plan.PlanFixtures.ds;
import static io.everynode.advisor.plan.PlanFixtures.pod;
import static io.everynode.advisor.why.Fixtures.edge;
import static io.everynode.advisor.why.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlannerTest {
    private final Planner planner = new Planner();

    @Test
    void placementGroupsTheNodesByWhysReasonsInItsWords() {
        List<Node> nodes = List.of(
                edge("e-1"),
                edge("e-2"),
                edge("e-3"),
                node("core-1", Map.of("pool", "core"), "2"),
                node(
                        "e-tainted",
                        Map.of("pool", "edge"),
                        "2",
                        new TaintBuilder()
                                .withKey("dedicated")
                                .withValue("db")
                                .withEffect("NoSchedule")
                                .build()),
                node("e-small", Map.of("pool", "edge"), "100m"));

        Plan plan = planner.plan(new PlanInput(ds(), null, nodes, List.of(), null));

        assertThat(plan.groups())
                .extracting(Plan.Group::verdict, Plan.Group::reason, Plan.Group::nodes)
                .containsExactly(
                        tuple("gets-pod", "Fits", List.of("e-1", "e-2", "e-3")),
                        tuple("should-not-run", "NodeSelector", List.of("core-1")),
                        tuple("should-not-run", "UntoleratedTaint", List.of("e-tainted")),
                        tuple("cannot-fit", "InsufficientResources", List.of("e-small")));
        assertThat(plan.groups().get(2).message()).isEqualTo("node(s) had untolerated taint {dedicated: db}");
        assertThat(plan.groups().get(3).message()).isEqualTo("Insufficient cpu (requested 200m, free 100m)");
    }

    @Test
    void aNodeThatFitsOnlyOnceTheOldDaemonPodIsGoneGetsItsPod() {
        DaemonSet existing = ds();
        Node small = node("e-small", Map.of("pool", "edge"), "300m");
        Pod old = pod("agent-old", "e-small", "DaemonSet", "ds-uid", "200m", "2026-12-05T09:00:02Z");
        Pod other = pod("other", "e-small", "ReplicaSet", "rs-uid", "200m", "2026-12-05T09:00:02Z");

        Plan replacing = planner.plan(new PlanInput(ds(), existing, List.of(small), List.of(old), null));
        Plan beside = planner.plan(new PlanInput(ds(), existing, List.of(small), List.of(old, other), null));

        assertThat(replacing.groups()).extracting(Plan.Group::reason).containsExactly("Fits");
        assertThat(beside.groups()).extracting(Plan.Group::reason).containsExactly("InsufficientResources");
    }

    @Test
    void poolsSumTheRequestsOfNodesThatGetAPodAndTheHeadroomLeft() {
        List<Node> nodes = List.of(
                node("a-1", Map.of("pool", "edge", "node.kubernetes.io/instance-type", "m5"), "2"),
                node("a-2", Map.of("pool", "edge", "node.kubernetes.io/instance-type", "m5"), "2"),
                node("b-1", Map.of("pool", "edge", "node.kubernetes.io/instance-type", "c6"), "150m"),
                node("c-1", Map.of("pool", "core", "node.kubernetes.io/instance-type", "c6"), "4"));
        List<Pod> pods = List.of(
                pod("web", "a-1", "ReplicaSet", "rs", "500m", "2026-12-05T09:00:02Z"),
                pod("agent-old", "a-2", "DaemonSet", "ds-uid", "200m", "2026-12-05T09:00:02Z"));

        Plan plan = planner.plan(new PlanInput(ds(), ds(), nodes, pods, null));

        assertThat(plan.poolLabel()).isEqualTo("node.kubernetes.io/instance-type");
        assertThat(plan.pools())
                .extracting(
                        Plan.Pool::name,
                        Plan.Pool::nodes,
                        Plan.Pool::podNodes,
                        Plan.Pool::requests,
                        Plan.Pool::headroom,
                        Plan.Pool::cannotFit)
                .containsExactly(
                        tuple("c6", 2, 0, new Plan.Amount(0, 0), new Plan.Amount(4150, 2L << 30), List.of("b-1")),
                        tuple(
                                "m5",
                                2,
                                2,
                                new Plan.Amount(400, 128L << 20),
                                // 4 cpu - 500m (web; the old agent pod is replaced) - 400m; 2Gi - 128Mi - 128Mi
                                new Plan.Amount(3100, (2L << 30) - (256L << 20)),
                                List.of()));
    }

    @ParameterizedTest(name = "{0}, maxUnavailable {1}, maxSurge {2} on {3} nodes: {4} waves")
    @CsvSource({
        "update, 1,   0, 10, 10",
        "update, 25%, 0, 10, 4", // R5.2: 2.5 rounded up to 3 per wave
        "update, 0,   2, 10, 5",
        "update, 2,   1, 10, 4",
        "update, 0,   0, 10, 10", // R5.2: 0/0 forced to maxUnavailable 1
        "update, 100%, 0, 10, 1",
        "create, 1,   0, 10, 1", // R2.9: all pods created at once
        "create, 1,   0, 0,  0",
    })
    void wavesComeFromTheControllersBudget(String kind, String maxUnavailable, String maxSurge, int n, int waves) {
        List<Node> nodes = new ArrayList<>();
        IntStream.range(0, n).forEach(i -> nodes.add(edge("e-" + i)));
        DaemonSet proposed = ds(maxUnavailable, maxSurge);
        DaemonSet existing = kind.equals("update") ? ds() : null;

        Plan.Estimate e = planner.plan(new PlanInput(proposed, existing, nodes, List.of(), null))
                .estimate();

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.waves()).isEqualTo(waves);
        assertThat(e.total()).isEqualTo(StartTimes.DEFAULT.multipliedBy(waves));
    }

    @Test
    void onDeleteHasNoRollout() {
        DaemonSet proposed = ds();
        proposed.getSpec().getUpdateStrategy().setType("OnDelete");
        proposed.getSpec().getUpdateStrategy().setRollingUpdate(null);

        Plan.Estimate e = planner.plan(new PlanInput(proposed, ds(), List.of(edge("e-1")), List.of(), null))
                .estimate();

        assertThat(e.kind()).isEqualTo("on-delete");
        assertThat(e.total()).isEqualTo(Duration.ZERO);
    }

    @Test
    void theStartTimeIsTheMeanOfTheDaemonSetsOwnPodsPlusMinReadySeconds() {
        DaemonSet proposed = ds();
        proposed.getSpec().setMinReadySeconds(10);
        List<Pod> pods = List.of(
                pod("agent-1", "e-1", "DaemonSet", "ds-uid", "200m", "2026-12-05T09:00:03Z"),
                pod("agent-2", "e-2", "DaemonSet", "ds-uid", "200m", "2026-12-05T09:00:06Z"),
                pod("other-ds", "e-2", "DaemonSet", "other-uid", "10m", "2026-12-05T09:01:00Z"));

        Plan.Estimate e = planner.plan(new PlanInput(proposed, ds(), List.of(edge("e-1"), edge("e-2")), pods, null))
                .estimate();

        assertThat(e.basis().perPod()).isEqualTo(Duration.ofMillis(4500));
        assertThat(e.basis().samples()).isEqualTo(2);
        assertThat(e.basis().source()).isEqualTo("pods of daemonset default/agent");
        assertThat(e.perWave()).isEqualTo(Duration.ofMillis(14500));
        assertThat(e.total()).isEqualTo(Duration.ofSeconds(29)); // two waves of maxUnavailable 1
    }

    @Test
    void anUpdateIsTimedAtTheLastRolloutsPaceThenTheLastPodsStart() {
        // The last rollout (maxUnavailable 2) created a pod every 3 s: a replacement took 6 s, while
        // each pod took 2 s from creation to Ready; the old pods' going is the difference.
        List<Node> nodes = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        Instant t0 = Instant.parse("2026-12-05T09:00:00Z");
        for (int i = 0; i < 10; i++) {
            nodes.add(edge("e-" + i));
            Pod p = pod(
                    "agent-" + i,
                    "e-" + i,
                    "DaemonSet",
                    "ds-uid",
                    "10m",
                    t0.plusSeconds(3L * i + 2).toString());
            p.getMetadata().setCreationTimestamp(t0.plusSeconds(3L * i).toString());
            pods.add(p);
        }

        Plan.Estimate e = planner.plan(new PlanInput(ds("2", "0"), ds("2", "0"), nodes, pods, null))
                .estimate();

        assertThat(e.basis().perPod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(e.lastSlot()).isEqualTo(Duration.ofSeconds(6));
        assertThat(e.waves()).isEqualTo(5);
        // 8 pods after the first 2, one every 6 s ÷ 2, then the last one's 2 s start.
        assertThat(e.total()).isEqualTo(Duration.ofSeconds(26));
        assertThat(PlanText.estimate(e))
                .contains("after the first wave, one pod every 6s ÷ 2: one replacement of the last rollout took 6s");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "pods of other daemonsets and of a ReplicaSet: the daemonsets', DaemonSet, 60, pods of other daemonsets",
        "only a ReplicaSet's pod: any pod,                              ReplicaSet, 60, pods in the cluster",
    })
    void aNewDaemonSetLearnsFromOtherPods(String title, String ownerKind, long seconds, String source) {
        List<Pod> pods = List.of(
                pod("a", "e-1", ownerKind, "x", "10m", "2026-12-05T09:01:00Z"),
                pod("b", "e-1", "ReplicaSet", "rs", "10m", "2026-12-05T09:03:00Z"));
        List<Pod> used = ownerKind.equals("DaemonSet") ? pods : List.of(pods.get(0));

        Plan.StartTime basis = planner.plan(new PlanInput(ds(), null, List.of(edge("e-1")), used, null))
                .estimate()
                .basis();

        assertThat(basis.perPod()).isEqualTo(Duration.ofSeconds(seconds));
        assertThat(basis.source()).isEqualTo(source);
    }

    @Test
    void withoutAReadyPodTheDefaultIsUsedAndSaidSo() {
        Plan.StartTime basis = planner.plan(new PlanInput(ds(), null, List.of(edge("e-1")), List.of(), null))
                .estimate()
                .basis();

        assertThat(basis.samples()).isZero();
        assertThat(basis.perPod()).isEqualTo(Duration.ofSeconds(30));
        assertThat(basis.source()).startsWith("default");
    }

    @ParameterizedTest(name = "asked {0}: pools {2}")
    @CsvSource({
        "'',   zone, 'z1,z2'", // no instance type anywhere: the zone
        "'',   none, all",
        "pool, zone, edge",
        "rack, zone, (none)",
    })
    void poolsAreGroupedByTheAskedOrTheFirstWellKnownLabel(String asked, String labels, String expected) {
        Map<String, String> l1 = labels.equals("zone")
                ? Map.of("pool", "edge", "topology.kubernetes.io/zone", "z1")
                : Map.of("pool", "edge");
        Map<String, String> l2 = labels.equals("zone")
                ? Map.of("pool", "edge", "topology.kubernetes.io/zone", "z2")
                : Map.of("pool", "edge");
        Plan plan = planner.plan(new PlanInput(
                ds(),
                null,
                List.of(node("n1", l1, "2"), node("n2", l2, "2")),
                List.of(),
                asked.isEmpty() ? null : asked));

        assertThat(plan.pools()).extracting(Plan.Pool::name).containsExactly(expected.split(","));
    }
}

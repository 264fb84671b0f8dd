package io.everynode.advisor.plan;

import static io.everynode.advisor.plan.PlanFixtures.ds;
import static io.everynode.advisor.plan.PlanFixtures.pod;
import static io.everynode.advisor.why.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.everynode.advisor.lint.ManifestReader;
import io.everynode.api.json.Json;
import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.RolloutGuard;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The update estimate follows the controller's steps (E4.1 partition, E4.2 update selector, E5.x
 * stages): ten edge nodes, e-01 and e-02 ring=canary, e-03 to e-05 ring=early, the rest
 * ring=rest, each running an old pod that took 4 s to become ready (all created together, so no
 * last rollout's pace: lock-step waves of 4 s), maxUnavailable 2.
 */
class StagedEstimateTest {
    private static final List<Node> NODES = nodes();
    private static final List<Pod> OLD_PODS = NODES.stream()
            .map(n -> pod(
                    "agent-" + n.getMetadata().getName(),
                    n.getMetadata().getName(),
                    "DaemonSet",
                    "ds-uid",
                    "200m",
                    "2026-12-05T09:00:04Z"))
            .toList();

    private static final String CANARY_EARLY_REST =
            "[{\"name\":\"canary\",\"selector\":\"ring=canary\",\"soakSeconds\":5},"
                    + "{\"name\":\"early\",\"selector\":\"ring=early\",\"soakSeconds\":3},{\"name\":\"rest\"}]";
    private static final String BY_COUNT = "[{\"name\":\"one\",\"maxNodes\":1,\"soakSeconds\":2},"
            + "{\"name\":\"half\",\"maxNodes\":\"50%\",\"soakSeconds\":2},{\"name\":\"all\"}]";
    private static final String CANARY_REST =
            "[{\"name\":\"canary\",\"selector\":\"ring=canary\",\"soakSeconds\":5}," + "{\"name\":\"rest\"}]";
    private static final String CANARY_ONLY = "[{\"name\":\"canary\",\"selector\":\"ring=canary\"}]";

    /**
     * Each row: the annotations, then nodes updated, nodes held, total seconds, the stages as
     * name:nodes:waves:seconds:soak (blank when unstaged), the stage the rollout stops at.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no holds, 5 waves of 2                          | {}                                      | 10 | 0 | 20.0 |                                          |
            partition 3 holds three nodes                   | {"everynode.io/partition":"3"}          | 7  | 3 | 16.0 |                                          |
            update selector takes the canary ring only      | {"everynode.io/update-selector":"ring=canary"} | 2  | 8 | 4.0  |                            |
            stages by selector, soaks late half a second    | STAGES1                                 | 10 | 0 | 33.0 | canary:2:1:4:5 early:3:2:8:3 rest:5:3:12:0 |
            stages by maxNodes, cumulative                  | STAGES2                                 | 10 | 0 | 29.0 | one:1:1:4:2 half:4:2:8:2 all:5:3:12:0    |
            a partition inside the first stage stops there  | STAGES3+partition 9                     | 1  | 9 | 4.0  | canary:1:1:4:0                           | canary
            a node in no stage is never replaced            | STAGES4                                 | 2  | 8 | 4.0  | canary:2:1:4:0                           |
            """)
    void theUpdateEstimateFollowsTheControllersSteps(
            String name, String annotations, int nodes, int held, double seconds, String stages, String stopsAt) {
        Plan plan = plan(withAnnotations(annotations));

        Plan.Estimate e = plan.estimate();
        assertThat(e.kind()).isEqualTo("update");
        assertThat(e.nodes()).isEqualTo(nodes);
        assertThat(e.held()).isEqualTo(held);
        assertThat(plan.held().stream().mapToInt(h -> h.nodes().size()).sum()).isEqualTo(held);
        assertThat(e.total().toMillis() / 1000.0).isEqualTo(seconds);
        List<String> expected = stages == null ? List.of() : Arrays.asList(stages.split(" "));
        assertThat(e.stages())
                .extracting(s -> s.name() + ":" + s.nodes() + ":" + s.waves() + ":"
                        + s.time().toSeconds() + ":" + s.soakSeconds())
                .containsExactlyElementsOf(expected);
        assertThat(e.stopsAt()).isEqualTo(stopsAt);
    }

    @Test
    void heldNodesAreNamedWithWhysReasonsAndTheControllersMessages() {
        Plan plan = plan(withAnnotations("STAGES3+partition 9"));

        assertThat(plan.held())
                .extracting(Plan.Held::reason, Plan.Held::nodes)
                .containsExactly(
                        tuple("Partition", List.of("e-01")),
                        tuple("Stage", List.of("e-03", "e-04", "e-05", "e-06", "e-07", "e-08", "e-09", "e-10")));
        assertThat(plan.held().get(0).message()).isEqualTo("partition 9: 9 of 10 nodes keep the old revision");
        assertThat(plan.held().get(1).message()).startsWith("waiting for stage \"rest\" (2 of 2)");
    }

    @Test
    void textListsEachStageTheHeldNodesAndThePause() {
        DaemonSet ds = withAnnotations(STAGES_WITH_PARTITION);
        ds.getMetadata().getAnnotations().put(RolloutGuard.PAUSED, "true");

        String text = PlanText.text(plan(ds));

        assertThat(text).contains("""
                        Held on the old revision (1):
                        REASON      NODES   EXAMPLES   MESSAGE
                        Partition   1       e-06       partition 1: 1 of 10 nodes keep the old revision
                        """).contains("""
                        Rollout: update of 9 nodes, maxUnavailable 2, maxSurge 0: 3 stages, 5 waves, about 29s
                          paused: rollout paused (everynode.io/paused=true): no pod is replaced until it is resumed; the times count from the resume
                          stage "canary" (1 of 3): 2 nodes, 1 wave, about 4s, then soak 5s
                          stage "early" (2 of 3): 3 nodes, 2 waves, about 8s, then soak 3s
                          stage "rest" (3 of 3): 4 nodes, 2 waves, about 8s; never completes: a node of it stays held, the rollout stops here
                          held: 1 node keeps the old revision (listed above); the rollout stops there
                        """);
    }

    @Test
    void jsonCarriesTheStagesAndEachNodesHoldBesideTheExistingFields() {
        JsonNode root = Json.parse(
                PlanText.json(plan(withAnnotations(STAGES_WITH_PARTITION))).getBytes(StandardCharsets.UTF_8));

        JsonNode e = root.get("estimate");
        assertThat(e.get("totalSeconds").asDouble()).isEqualTo(29.0);
        assertThat(e.get("waves").asInt()).isEqualTo(5);
        assertThat(e.get("heldNodes").asInt()).isEqualTo(1);
        assertThat(e.get("stopsAtStage").asString()).isEqualTo("rest");
        assertThat(e.get("stages")).hasSize(3);
        assertThat(e.get("stages").get(0).get("name").asString()).isEqualTo("canary");
        assertThat(e.get("stages").get(0).get("soakSeconds").asInt()).isEqualTo(5);
        assertThat(e.get("stages").get(2).get("seconds").asDouble()).isEqualTo(8.0);
        assertThat(e.get("stages").get(2).get("completes").asBoolean()).isFalse();
        assertThat(root.get("held").get(0).get("reason").asString()).isEqualTo("Partition");
        assertThat(root.get("nodes").get(5).get("node").asString()).isEqualTo("e-06");
        assertThat(root.get("nodes").get(5).get("held").asString()).isEqualTo("Partition");
        assertThat(root.get("nodes").get(0).get("held").isNull()).isTrue();
    }

    @Test
    void anAdvancedDaemonSetIsEstimatedThroughItsFields() throws Exception {
        DaemonSet ds = Proposal.of(ManifestReader.parse("ads.yaml", """
                                apiVersion: apps.kruise.io/v1alpha1
                                kind: DaemonSet
                                metadata: {name: agent, namespace: default}
                                spec:
                                  selector: {matchLabels: {app: agent}}
                                  template:
                                    metadata: {labels: {app: agent}}
                                    spec:
                                      nodeSelector: {pool: edge}
                                      containers: [{name: agent, image: agent:2}]
                                  updateStrategy:
                                    rollingUpdate:
                                      maxUnavailable: 2
                                      selector: {matchExpressions: [{key: ring, operator: NotIn, values: [rest]}]}
                                      stages:
                                      - {name: canary, selector: {matchLabels: {ring: canary}}, soakSeconds: 5}
                                      - {name: early}
                                """.getBytes(StandardCharsets.UTF_8))
                        .get(0))
                .orElseThrow()
                .daemonSet();

        Plan.Estimate e = plan(ds).estimate();

        assertThat(e.stages())
                .extracting(Plan.StageEstimate::name, Plan.StageEstimate::nodes, Plan.StageEstimate::soakSeconds)
                .containsExactly(tuple("canary", 2, 5), tuple("early", 3, 0));
        assertThat(e.held()).isEqualTo(5);
        assertThat(plan(ds).held()).extracting(Plan.Held::reason).containsExactly("UpdateSelector");
        assertThat(e.stopsAt()).isEqualTo("early");
    }

    @Test
    void aFirstCreateIsNeitherStagedNorHeld() {
        DaemonSet ds = withAnnotations(STAGES_WITH_PARTITION);

        Plan plan = new Planner().plan(new PlanInput(ds, null, NODES, List.of(), null));

        assertThat(plan.estimate().kind()).isEqualTo("create");
        assertThat(plan.estimate().stages()).isEmpty();
        assertThat(plan.held()).isEmpty();
    }

    /**
     * CANARY_EARLY_REST with partition 1: the partition applies to the nodes in scope (E4.1), so it
     * holds the last stage's last node by E4.1's order (e-06), and that stage never completes.
     */
    private static final String STAGES_WITH_PARTITION = "STAGES1+partition 1";

    private static Plan plan(DaemonSet proposed) {
        return new Planner().plan(new PlanInput(proposed, ds("2", "0"), NODES, OLD_PODS, null));
    }

    /** {@code ds("2", "0")} with the annotations of a row: JSON, or STAGESn with an optional "+partition N". */
    private static DaemonSet withAnnotations(String spec) {
        DaemonSet ds = ds("2", "0");
        Map<String, String> annotations = new HashMap<>();
        String[] parts = spec.split("\\+partition ");
        switch (parts[0]) {
            case "STAGES1" -> annotations.put(AdvancedRollout.STAGES, CANARY_EARLY_REST);
            case "STAGES2" -> annotations.put(AdvancedRollout.STAGES, BY_COUNT);
            case "STAGES3" -> annotations.put(AdvancedRollout.STAGES, CANARY_REST);
            case "STAGES4" -> annotations.put(AdvancedRollout.STAGES, CANARY_ONLY);
            default ->
                Json.MAPPER
                        .readTree(parts[0])
                        .properties()
                        .forEach(f -> annotations.put(f.getKey(), f.getValue().asString()));
        }
        if (parts.length > 1) annotations.put(AdvancedRollout.PARTITION, parts[1]);
        ds.getMetadata().setAnnotations(annotations);
        return ds;
    }

    private static List<Node> nodes() {
        List<Node> out = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String ring = i <= 2 ? "canary" : i <= 5 ? "early" : "rest";
            out.add(node(String.format("e-%02d", i), Map.of("pool", "edge", "ring", ring), "2"));
        }
        return out;
    }
}

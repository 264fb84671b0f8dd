package io.everynode.controllers.daemonset;

import io.everynode.api.rollout.Stages;
import io.everynode.api.rollout.Stages.Stage;
import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The steps a rolling update of a DaemonSet would take from pods of an older revision, decided by
 * the controller's own code: {@link StagedRollout}'s membership (E5.2) and {@link RolloutScope}'s
 * holds (E4.1, E4.2, E5.3), run over a simulated progression in which each step's nodes end up
 * updated and available. Public for the advisor's {@code plan}, so its estimate follows the
 * controller's decisions and never a copy of them. Pure.
 *
 * <p>Unstaged: one step, the nodes the partition and update selector let through. Staged (E5.1):
 * one step per stage in order, each replacing the nodes of its stage that no hold keeps; a stage
 * with a held node (its own or an earlier stage's) never completes (E5.3), so the steps end there.
 * Every given pod is taken as of an older revision (the planner does not compare templates);
 * nodes that should run the DaemonSet and have no pod get one at once (R2.4) and are in no step.
 */
public final class RolloutSteps {
    /** No pod carries it: every given pod is of an older revision. */
    private static final String PLANNED_HASH = "planned-revision";

    /**
     * One step.
     *
     * @param stage the stage's name, null for an unstaged rollout
     * @param soakSeconds the soak after the stage (0 for the last stage and for an unstaged rollout)
     * @param replaced the nodes whose old pod this step replaces, by name
     * @param completes false when a node of this stage or an earlier one stays held: the stage
     *     never completes and the rollout stops there (E5.3)
     */
    public record Step(String stage, int soakSeconds, List<String> replaced, boolean completes) {
        public Step {
            replaced = List.copyOf(replaced);
        }
    }

    /**
     * @param steps in order, ending at the first that does not complete
     * @param held node → hold of every old pod the steps leave in place, after the last step; by node name
     */
    public record Outline(List<Step> steps, Map<String, DaemonSetFacts.Hold> held) {
        public Outline {
            steps = List.copyOf(steps);
            held = Collections.unmodifiableMap(new TreeMap<>(held));
        }
    }

    private RolloutSteps() {}

    /**
     * @param ds the DaemonSet as it would be applied (defaulted, R5.1)
     * @param nodes every node
     * @param oldPods the pods of the existing DaemonSet (none for a first create)
     */
    public static Outline of(DaemonSet ds, List<Node> nodes, List<Pod> oldPods) {
        DaemonSet sim = withoutTemplateGeneration(ds);
        Map<String, Node> byName = new HashMap<>();
        List<Node> desired = new ArrayList<>();
        Map<String, List<Pod>> byNode = new TreeMap<>(DaemonPods.byNode(oldPods, false));
        for (Node n : nodes) {
            byName.put(n.getMetadata().getName(), n);
            if (NodeShouldRunDaemonPod.evaluate(n, sim).shouldRun()) {
                desired.add(n);
                byNode.putIfAbsent(n.getMetadata().getName(), List.of());
            }
        }
        List<Stage> stages = Stages.of(sim.getMetadata());
        if (stages.isEmpty()) {
            Map<String, RolloutScope.Hold> holds =
                    RolloutScope.holds(sim, byNode, byName, PLANNED_HASH, Optional.empty());
            return new Outline(List.of(new Step(null, 0, replaceable(byNode, holds), true)), facts(holds));
        }
        Map<String, Integer> members = StagedRollout.members(stages, desired, Set.of());
        List<Step> steps = new ArrayList<>();
        Map<String, RolloutScope.Hold> holds = Map.of();
        for (int k = 0; k < stages.size(); k++) {
            StagedRollout.State state = new StagedRollout.State(StagedRollout.Phase.UPDATING, k, Instant.EPOCH);
            StagedRollout.Outcome outcome = new StagedRollout.Outcome(
                    stages,
                    state,
                    members,
                    Optional.empty(),
                    StagedRollout.condition(stages, state, PLANNED_HASH, Optional.empty()),
                    List.of(),
                    Optional.empty());
            holds = RolloutScope.holds(sim, byNode, byName, PLANNED_HASH, Optional.of(outcome));
            List<String> replaced = replaceable(byNode, holds);
            for (String node : replaced) {
                byNode.put(node, List.of(updated(node)));
            }
            Set<String> held = new HashSet<>(holds.keySet());
            int stage = k;
            boolean completes =
                    members.entrySet().stream().noneMatch(e -> e.getValue() <= stage && held.contains(e.getKey()));
            boolean last = k == stages.size() - 1;
            steps.add(new Step(stages.get(k).name(), last ? 0 : stages.get(k).soakSeconds(), replaced, completes));
            if (!completes) {
                break;
            }
        }
        return new Outline(steps, facts(holds));
    }

    /** Nodes with exactly one old pod and no new one that no hold keeps: the rolling update replaces them. */
    private static List<String> replaceable(Map<String, List<Pod>> byNode, Map<String, RolloutScope.Hold> holds) {
        List<String> out = new ArrayList<>();
        byNode.forEach((node, pods) -> {
            RollingUpdatePlanner.NodePods np = RollingUpdatePlanner.split(pods, PLANNED_HASH, null);
            if (np.ok() && np.newPod() == null && np.oldPod() != null && !holds.containsKey(node)) {
                out.add(node);
            }
        });
        return out;
    }

    /** A pod of the planned revision on {@code node}: what a replaced node runs after its step. */
    private static Pod updated(String node) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("planned-" + node)
                .addToLabels(PodFacts.HASH_LABEL, PLANNED_HASH)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .endSpec()
                .build();
    }

    /** R3.4's template generation would match pods of the old revision by generation: the plan compares none. */
    private static DaemonSet withoutTemplateGeneration(DaemonSet ds) {
        ObjectMeta meta = ds.getMetadata();
        if (meta.getAnnotations() == null
                || !meta.getAnnotations().containsKey(PodFacts.TEMPLATE_GENERATION_ANNOTATION)) {
            return ds;
        }
        DaemonSet copy = new DaemonSetBuilder(ds).build();
        Map<String, String> annotations = new HashMap<>(meta.getAnnotations());
        annotations.remove(PodFacts.TEMPLATE_GENERATION_ANNOTATION);
        copy.getMetadata().setAnnotations(annotations);
        return copy;
    }

    private static Map<String, DaemonSetFacts.Hold> facts(Map<String, RolloutScope.Hold> holds) {
        Map<String, DaemonSetFacts.Hold> out = new TreeMap<>();
        holds.forEach((node, h) -> out.put(
                node,
                new DaemonSetFacts.Hold(DaemonSetFacts.HoldKind.valueOf(h.kind().name()), h.message())));
        return out;
    }
}

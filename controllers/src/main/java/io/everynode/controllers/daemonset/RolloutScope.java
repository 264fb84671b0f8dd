package io.everynode.controllers.daemonset;

import io.everynode.api.rollout.Partition;
import io.everynode.api.rollout.Stages;
import io.everynode.api.rollout.UpdateSelector;
import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.everynode.api.selector.Selector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * E4.1–E4.3, E5.3: which nodes the rolling update may not touch now, each with the one thing that
 * holds it. Only a node with an old-revision pod (and no new one) can be held; the rolling update
 * (R5.4, R5.5) skips a held node's pod, whether available or not, and still counts the node's
 * availability against maxUnavailable (the budget stays fleet-wide: a hold never lets more nodes
 * go unavailable). Pure.
 *
 * <p>The questions, in order: the stage (E5.3: the node belongs to a later stage, or to none),
 * the update selector (E4.2: the node's labels do not match), the partition (E4.1). As Kruise
 * counts it, the partition is of all the DaemonSet's nodes (every node that should run it or has
 * a pod of it): at most {@code nodes − partition} nodes are in scope, those already updated or
 * without an old pod first, then the others the stage and selector let through, by name from the
 * end of the alphabet; the rest keep the old revision.
 */
final class RolloutScope {
    /** The three holds. */
    enum Kind {
        PARTITION,
        UPDATE_SELECTOR,
        STAGE
    }

    /** Why a node's old pod stays: one kind, one message for people. */
    record Hold(Kind kind, String message) {}

    private RolloutScope() {}

    /** As {@link #holds}, from the cache's nodes and the pods grouped by node (desired nodes without pods added). */
    static Map<String, Hold> of(
            DaemonSet ds,
            List<Node> nodes,
            Map<String, List<Pod>> grouped,
            String hash,
            Function<Node, NodeShouldRunDaemonPod.Decision> decide,
            Optional<StagedRollout.Outcome> stage) {
        if (stage.isEmpty()
                && Partition.of(ds.getMetadata()) == 0
                && UpdateSelector.of(ds.getMetadata()).isEmpty()) {
            return Map.of();
        }
        Map<String, Node> byName = new HashMap<>();
        Map<String, List<Pod>> nodeToPods = new HashMap<>(grouped);
        for (Node n : nodes) {
            byName.put(n.getMetadata().getName(), n);
            if (decide.apply(n).shouldRun()) {
                nodeToPods.putIfAbsent(n.getMetadata().getName(), List.of());
            }
        }
        return holds(ds, nodeToPods, byName, hash, stage);
    }

    /**
     * @param nodeToPods every node that should run the DaemonSet (possibly with no pods) and every
     *     node with a pod of it
     * @param byName the nodes known to the cache
     * @param stage the staged rollout's state when the DaemonSet has stages
     * @return node → hold, for held nodes only
     */
    static Map<String, Hold> holds(
            DaemonSet ds,
            Map<String, List<Pod>> nodeToPods,
            Map<String, Node> byName,
            String hash,
            Optional<StagedRollout.Outcome> stage) {
        String generation = PodFacts.templateGeneration(ds);
        Optional<Selector> selector = UpdateSelector.of(ds.getMetadata());
        int partition = Partition.of(ds.getMetadata());
        List<String> names = new ArrayList<>(nodeToPods.keySet());
        names.sort(Comparator.reverseOrder());
        List<String> first = new ArrayList<>(); // updated, or no old pod
        List<String> selected = new ArrayList<>();
        Map<String, Hold> out = new LinkedHashMap<>();
        for (String node : names) {
            RollingUpdatePlanner.NodePods np = RollingUpdatePlanner.split(nodeToPods.get(node), hash, generation);
            if (!np.ok() || np.newPod() != null || np.oldPod() == null) {
                first.add(node);
                continue;
            }
            Optional<Hold> staged = stage.flatMap(s -> stageHold(s, node));
            if (staged.isPresent()) {
                out.put(node, staged.get());
                continue;
            }
            if (selector.isPresent() && !selector.get().matches(labels(byName.get(node)))) {
                out.put(
                        node,
                        new Hold(
                                Kind.UPDATE_SELECTOR,
                                "update selector " + selector.get() + " does not match this node's labels"));
                continue;
            }
            selected.add(node);
        }
        int maxUpdate = Math.max(0, names.size() - partition);
        int room = Math.max(0, maxUpdate - first.size());
        for (String node : selected.subList(Math.min(room, selected.size()), selected.size())) {
            out.put(
                    node,
                    new Hold(
                            Kind.PARTITION,
                            "partition " + partition + ": " + Math.min(partition, names.size()) + " of " + names.size()
                                    + " nodes keep the old revision"));
        }
        return out;
    }

    private static Optional<Hold> stageHold(StagedRollout.Outcome s, String node) {
        Integer k = s.members().get(node);
        List<Stages.Stage> stages = s.stages();
        if (k == null) {
            return Optional.of(new Hold(
                    Kind.STAGE,
                    "in no stage of the staged rollout: no stage's selector and node count take this node"));
        }
        if (k <= s.scopeEnd()) {
            return Optional.empty();
        }
        int current = s.state().stage();
        String now = switch (s.state().phase()) {
            case UPDATING -> "stage " + Stages.label(stages, current) + " is updating";
            case SOAKING ->
                "stage " + Stages.label(stages, current) + " completed, soaking until "
                        + s.soakEnds().map(Object::toString).orElse("its end");
            case COMPLETE -> "the rollout is complete";
        };
        return Optional.of(new Hold(Kind.STAGE, "waiting for stage " + Stages.label(stages, k) + ": " + now));
    }

    private static Map<String, String> labels(Node n) {
        return n == null || n.getMetadata().getLabels() == null
                ? Map.of()
                : n.getMetadata().getLabels();
    }
}

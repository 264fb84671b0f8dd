package io.everynode.controllers.daemonset;

import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The rolling-update pass (R5.2–R5.6). Nodes are visited in name order (upstream walks a hash
 * map, so any order is faithful; a fixed one makes plans reproducible). Nodes {@link RolloutScope}
 * holds (E4.1 partition, E4.2 update selector, E5.3 stage) keep their old pod: they are counted as
 * upstream counts them, and never replaced (E4.3). Pure.
 */
final class RollingUpdatePlanner {
    private RollingUpdatePlanner() {}

    /** R5.3: a node's one new and one old pod (nulls allowed); {@code ok} false when either kind repeats. */
    record NodePods(Pod newPod, Pod oldPod, boolean ok) {}

    static NodePods split(List<Pod> pods, String hash, String generation) {
        Pod newPod = null;
        Pod oldPod = null;
        for (Pod p : pods) {
            if (PodFacts.terminating(p)) {
                continue;
            }
            if (PodFacts.updated(p, hash, generation)) {
                if (newPod != null) {
                    return new NodePods(null, null, false);
                }
                newPod = p;
            } else {
                if (oldPod != null) {
                    return new NodePods(null, null, false);
                }
                oldPod = p;
            }
        }
        return new NodePods(newPod, oldPod, true);
    }

    /**
     * @throws IllegalStateException when a surge decision needs a node that is not in the cache
     *     (upstream: "invalid node"), failing the sync
     */
    static SyncPlan.Builder plan(
            DaemonSet ds, List<Node> nodes, Map<String, List<Pod>> grouped, String hash, Instant now) {
        return plan(ds, nodes, grouped, hash, now, n -> NodeShouldRunDaemonPod.evaluate(n, ds));
    }

    /** As above, with the per-node decisions given (see {@link NodeDecisions}). */
    static SyncPlan.Builder plan(
            DaemonSet ds,
            List<Node> nodes,
            Map<String, List<Pod>> grouped,
            String hash,
            Instant now,
            Function<Node, NodeShouldRunDaemonPod.Decision> decide) {
        return plan(ds, nodes, grouped, hash, now, decide, Set.of());
    }

    /** As above; the pods on {@code held} nodes stay (E4.1, E4.2, E5.3). */
    static SyncPlan.Builder plan(
            DaemonSet ds,
            List<Node> nodes,
            Map<String, List<Pod>> grouped,
            String hash,
            Instant now,
            Function<Node, NodeShouldRunDaemonPod.Decision> decide,
            Set<String> held) {
        Map<String, Node> byName = new HashMap<>();
        Map<String, List<Pod>> nodeToPods = new TreeMap<>(grouped);
        int desired = 0;
        for (Node n : nodes) {
            byName.put(n.getMetadata().getName(), n);
            if (decide.apply(n).shouldRun()) {
                desired++;
                nodeToPods.putIfAbsent(n.getMetadata().getName(), List.of());
            }
        }
        UpdateBudget budget = UpdateBudget.of(ds, desired);
        String generation = PodFacts.templateGeneration(ds);
        int minReady = ManagePlanner.minReadySeconds(ds);
        return budget.maxSurge() == 0
                ? deleteFirst(nodeToPods, hash, generation, minReady, now, budget, held)
                : createFirst(decide, byName, nodeToPods, hash, generation, minReady, now, budget, held);
    }

    /** R5.4: maxSurge 0: delete old pods within maxUnavailable; manage re-creates later. */
    private static SyncPlan.Builder deleteFirst(
            Map<String, List<Pod>> nodeToPods,
            String hash,
            String generation,
            int minReady,
            Instant now,
            UpdateBudget budget,
            Set<String> held) {
        SyncPlan.Builder out = new SyncPlan.Builder();
        int numUnavailable = 0;
        List<SyncPlan.PodDelete> allowed = new ArrayList<>();
        List<SyncPlan.PodDelete> candidates = new ArrayList<>();
        for (Map.Entry<String, List<Pod>> e : nodeToPods.entrySet()) {
            NodePods np = split(e.getValue(), hash, generation);
            if (!np.ok() || (np.newPod() == null) == (np.oldPod() == null)) {
                numUnavailable++;
            } else if (np.newPod() != null) {
                if (!PodFacts.available(np.newPod(), minReady, now)) {
                    numUnavailable++;
                }
            } else if (!PodFacts.available(np.oldPod(), minReady, now)) {
                if (!held.contains(e.getKey())) {
                    allowed.add(delete(np.oldPod(), e.getKey()));
                }
                numUnavailable++;
            } else if (numUnavailable < budget.maxUnavailable() && !held.contains(e.getKey())) {
                candidates.add(delete(np.oldPod(), e.getKey()));
            }
        }
        int take = Math.max(0, Math.min(budget.maxUnavailable() - numUnavailable, candidates.size()));
        out.deletes.addAll(allowed);
        out.deletes.addAll(candidates.subList(0, take));
        return out;
    }

    /** R5.5: maxSurge > 0: create new pods within maxSurge, delete each old pod once its new one is available. */
    private static SyncPlan.Builder createFirst(
            Function<Node, NodeShouldRunDaemonPod.Decision> decide,
            Map<String, Node> byName,
            Map<String, List<Pod>> nodeToPods,
            String hash,
            String generation,
            int minReady,
            Instant now,
            UpdateBudget budget,
            Set<String> held) {
        SyncPlan.Builder out = new SyncPlan.Builder();
        int numSurge = 0;
        int numAvailable = 0;
        List<SyncPlan.PodDelete> shouldNotRun = new ArrayList<>();
        List<String> allowedNew = new ArrayList<>();
        List<String> candidateNew = new ArrayList<>();
        for (Map.Entry<String, List<Pod>> e : nodeToPods.entrySet()) {
            String node = e.getKey();
            NodePods np = split(e.getValue(), hash, generation);
            if (!np.ok()) {
                numSurge++;
                continue;
            }
            Pod counted = np.oldPod() != null ? np.oldPod() : np.newPod();
            if (counted != null && PodFacts.available(counted, minReady, now)) {
                numAvailable++;
            }
            if (np.oldPod() == null) {
                continue;
            }
            if (np.newPod() == null) {
                boolean shouldRun = shouldRun(decide, byName, node);
                if (shouldRun && held.contains(node)) {
                    continue; // E4.1, E4.2, E5.3: no new pod beside a held old one
                }
                if (!PodFacts.available(np.oldPod(), minReady, now)) {
                    if (!shouldRun) {
                        out.deletes.add(delete(np.oldPod(), node));
                    } else {
                        allowedNew.add(node);
                    }
                } else if (!shouldRun) {
                    shouldNotRun.add(new SyncPlan.PodDelete(
                            np.oldPod().getMetadata().getName(), node, SyncPlan.DeleteReason.SURGE_NODE_REJECTS));
                } else if (numSurge < budget.maxSurge()) {
                    candidateNew.add(node);
                }
            } else if (!PodFacts.available(np.newPod(), minReady, now)) {
                numSurge++;
            } else {
                out.deletes.add(delete(np.oldPod(), node));
            }
        }
        int deletable = numAvailable - budget.desired();
        if (deletable > 0) {
            out.deletes.addAll(shouldNotRun.subList(0, Math.min(deletable, shouldNotRun.size())));
        }
        int take = Math.max(0, Math.min(budget.maxSurge() - numSurge, candidateNew.size()));
        out.nodesNeedingPods.addAll(allowedNew);
        out.nodesNeedingPods.addAll(candidateNew.subList(0, take));
        return out;
    }

    private static boolean shouldRun(
            Function<Node, NodeShouldRunDaemonPod.Decision> decide, Map<String, Node> byName, String node) {
        Node n = byName.get(node);
        if (n == null) {
            throw new IllegalStateException("invalid node \"" + node + "\": not found in the node cache");
        }
        return decide.apply(n).shouldRun();
    }

    private static SyncPlan.PodDelete delete(Pod p, String node) {
        return new SyncPlan.PodDelete(p.getMetadata().getName(), node, SyncPlan.DeleteReason.ROLLING_UPDATE);
    }
}

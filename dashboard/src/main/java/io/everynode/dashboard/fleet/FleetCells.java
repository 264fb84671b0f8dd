package io.everynode.dashboard.fleet;

import io.everynode.api.Pods;
import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The grid of one DaemonSet: a cell per node, in node-name order. Pure: decides from the
 * DaemonSet, the nodes and the namespace's pods alone. Placement is the controller's own check
 * ({@link NodeShouldRunDaemonPod}, R1), so a cell says "missing" exactly where the controller
 * would create a pod; the pod a node counts is the one the controller targets there
 * ({@link DaemonSetFacts#targetNode}).
 */
public final class FleetCells {
    private FleetCells() {}

    /** Every node's cell; {@code pods} may hold other pods of the namespace, which are ignored. */
    public static List<Cell> of(DaemonSet ds, Collection<Node> nodes, Collection<Pod> pods) {
        String uid = ds.getMetadata().getUid();
        String current = DaemonSetFacts.currentHash(ds);
        Map<String, List<Pod>> byNode = new HashMap<>();
        for (Pod p : pods) {
            if (!controlledBy(p, uid) || !active(p)) continue;
            String node = DaemonSetFacts.targetNode(p);
            if (node != null && !node.isEmpty())
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(p);
        }
        return nodes.stream()
                .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                .map(n -> cell(n, ds, byNode.getOrDefault(n.getMetadata().getName(), List.of()), current))
                .toList();
    }

    private static Cell cell(Node node, DaemonSet ds, List<Pod> mine, String current) {
        String name = node.getMetadata().getName();
        Map<String, String> labels = node.getMetadata().getLabels();
        if (mine.isEmpty()) {
            boolean shouldRun = NodeShouldRunDaemonPod.evaluate(node, ds).shouldRun();
            return new Cell(name, null, shouldRun ? CellState.MISSING : CellState.NOT_MEANT_TO_RUN, labels);
        }
        // During a surge both pods live on the node: the current one tells how far the rollout got.
        Pod pod = mine.stream()
                .filter(p -> Objects.equals(hash(p), current))
                .findFirst()
                .orElse(mine.get(0));
        return new Cell(name, pod.getMetadata().getName(), state(pod, current), labels);
    }

    /** A daemon pod's state: crash-looping before not ready, and the revision only once ready. */
    public static CellState state(Pod pod, String currentHash) {
        if (crashLooping(pod)) return CellState.CRASH_LOOPING;
        if (!Pods.isReady(pod)) return CellState.NOT_READY;
        return currentHash != null && currentHash.equals(hash(pod)) ? CellState.UPDATED_READY : CellState.OLD_REVISION;
    }

    private static boolean crashLooping(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) return false;
        for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
            if (c.getState() != null
                    && c.getState().getWaiting() != null
                    && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason())) return true;
        }
        return false;
    }

    private static String hash(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(DaemonSetFacts.HASH_LABEL);
    }

    private static boolean active(Pod p) {
        return !Pods.isTerminal(p) && p.getMetadata().getDeletionTimestamp() == null;
    }

    private static boolean controlledBy(Pod p, String uid) {
        List<OwnerReference> refs = p.getMetadata().getOwnerReferences();
        return refs != null
                && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()) && uid.equals(r.getUid()));
    }
}

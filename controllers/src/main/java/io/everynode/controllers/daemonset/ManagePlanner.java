package io.everynode.controllers.daemonset;

import io.everynode.api.Pods;
import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.everynode.client.Backoff;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The manage pass (R2.4–R2.8): per node, which pod to create and which pods to delete, and why.
 * Decides only; the failed-pod back-off is advanced here because deciding to kill a failed pod
 * is what starts its back-off (R2.7).
 */
final class ManagePlanner {
    private final Backoff<String> backoff;

    /** @param backoff the failed-pod back-off, keyed by {@link #backoffKey} */
    ManagePlanner(Backoff<String> backoff) {
        this.backoff = backoff;
    }

    /** {@code <uid>/<observedGeneration>/<node>}: a spec change starts the back-off afresh. */
    static String backoffKey(String uid, Long observedGeneration, String node) {
        return uid + "/" + (observedGeneration == null ? 0 : observedGeneration) + "/" + node;
    }

    /**
     * @param nodeToPods R2.3 grouping, without deleted terminal pods
     * @param allowSurge effective maxSurge > 0 (R5.2), which switches R2.5 to R2.6
     */
    SyncPlan.Builder plan(
            DaemonSet ds,
            List<Node> nodes,
            Map<String, List<Pod>> nodeToPods,
            String hash,
            boolean allowSurge,
            Instant now) {
        return plan(ds, nodes, nodeToPods, hash, allowSurge, now, n -> NodeShouldRunDaemonPod.evaluate(n, ds));
    }

    /** As above, with the per-node decisions given (see {@link NodeDecisions}). */
    SyncPlan.Builder plan(
            DaemonSet ds,
            List<Node> nodes,
            Map<String, List<Pod>> nodeToPods,
            String hash,
            boolean allowSurge,
            Instant now,
            Function<Node, NodeShouldRunDaemonPod.Decision> decide) {
        SyncPlan.Builder out = new SyncPlan.Builder();
        int minReady = minReadySeconds(ds);
        for (Node node : nodes) {
            String name = node.getMetadata().getName();
            NodeShouldRunDaemonPod.Decision d = decide.apply(node);
            List<Pod> pods = nodeToPods.get(name);
            boolean exists = pods != null;
            if (d.shouldRun() && !exists) {
                out.nodesNeedingPods.add(name);
            } else if (d.shouldContinueRunning()) {
                List<Pod> running = new ArrayList<>();
                for (Pod p : pods == null ? List.<Pod>of() : pods) {
                    if (PodFacts.terminating(p)) {
                        continue;
                    }
                    switch (Pods.phase(p)) {
                        case "Failed" -> killFailed(ds, name, p, out);
                        case "Succeeded" -> {
                            out.events.add(new SyncPlan.Event(
                                    "Normal",
                                    "SucceededDaemonPod",
                                    "Found succeeded daemon pod " + id(p) + " on node " + name
                                            + ", will try to delete it"));
                            out.deletes.add(new SyncPlan.PodDelete(podName(p), name, SyncPlan.DeleteReason.SUCCEEDED));
                        }
                        default -> running.add(p);
                    }
                }
                pruneExcess(name, running, d.shouldRun(), allowSurge, hash, minReady, now, out);
            } else if (exists) {
                for (Pod p : pods) {
                    if (!PodFacts.terminating(p)) {
                        out.deletes.add(new SyncPlan.PodDelete(podName(p), name, SyncPlan.DeleteReason.NODE_REJECTS));
                    }
                }
            }
        }
        // R2.8: unscheduled pods aimed at nodes that are gone; bound ones are Pod GC's job.
        Set<String> live = new HashSet<>();
        nodes.forEach(n -> live.add(n.getMetadata().getName()));
        nodeToPods.forEach((node, pods) -> {
            if (live.contains(node)) {
                return;
            }
            for (Pod p : pods) {
                if (PodFacts.nodeName(p).isEmpty() && !PodFacts.terminating(p)) {
                    out.deletes.add(new SyncPlan.PodDelete(podName(p), node, SyncPlan.DeleteReason.NODE_GONE));
                }
            }
        });
        return out;
    }

    /** R2.7: delete a failed pod unless its node's back-off is running; then requeue after it. */
    private void killFailed(DaemonSet ds, String node, Pod p, SyncPlan.Builder out) {
        String key = backoffKey(
                ds.getMetadata().getUid(),
                ds.getStatus() == null ? null : ds.getStatus().getObservedGeneration(),
                node);
        if (backoff.isInBackoff(key)) {
            out.requeueAfter(backoff.delay(key));
            return;
        }
        backoff.next(key);
        out.events.add(new SyncPlan.Event(
                "Warning",
                "FailedDaemonPod",
                "Found failed daemon pod " + id(p) + " on node " + node + ", will try to kill it"));
        out.deletes.add(new SyncPlan.PodDelete(podName(p), node, SyncPlan.DeleteReason.FAILED));
    }

    /** R2.5 (no surge) and R2.6 (surge) on the node's non-terminating, non-terminal pods. */
    private static void pruneExcess(
            String node,
            List<Pod> running,
            boolean shouldRun,
            boolean allowSurge,
            String hash,
            int minReady,
            Instant now,
            SyncPlan.Builder out) {
        if (!allowSurge) {
            if (running.size() <= 1) {
                return;
            }
            running.sort(PodFacts.OLDEST_SCHEDULED_FIRST);
            for (Pod p : running.subList(1, running.size())) {
                out.deletes.add(new SyncPlan.PodDelete(podName(p), node, SyncPlan.DeleteReason.EXCESS));
            }
            return;
        }
        if (running.size() <= 1) {
            // Surging needs at least one live pod per node: a node whose only pod is terminating gets a new one.
            if (running.isEmpty() && shouldRun) {
                out.nodesNeedingPods.add(node);
            }
            return;
        }
        running.sort(PodFacts.OLDEST_SCHEDULED_FIRST);
        Pod oldestNew = null;
        Pod oldestOld = null;
        for (Pod p : running) {
            boolean isNew = hash.equals(PodFacts.label(p, PodFacts.HASH_LABEL));
            if (isNew && oldestNew == null) {
                oldestNew = p;
            } else if (!isNew && oldestOld == null) {
                oldestOld = p;
            } else {
                out.deletes.add(new SyncPlan.PodDelete(podName(p), node, SyncPlan.DeleteReason.EXCESS));
            }
        }
        if (oldestNew != null
                && oldestOld != null
                && (!PodFacts.ready(oldestOld) || PodFacts.available(oldestNew, minReady, now))) {
            out.deletes.add(new SyncPlan.PodDelete(podName(oldestOld), node, SyncPlan.DeleteReason.EXCESS));
        }
    }

    static int minReadySeconds(DaemonSet ds) {
        Integer m = ds.getSpec().getMinReadySeconds();
        return m == null ? 0 : m;
    }

    private static String podName(Pod p) {
        return p.getMetadata().getName();
    }

    private static String id(Pod p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }
}

package io.everynode.controllers.replicaset;

import io.everynode.api.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;

/**
 * What one sync of a ReplicaSet changes in its pods (upstream manageReplicas): how many pods to
 * create, and which to delete, at most {@code burst} of either. Plain data.
 */
record ReplicaPlan(int creates, List<Pod> deletes) {
    static final ReplicaPlan NOTHING = new ReplicaPlan(0, List.of());

    static ReplicaPlan of(ReplicaSet rs, List<Pod> active, int burst) {
        int diff = active.size() - desired(rs);
        if (diff < 0) return new ReplicaPlan(Math.min(-diff, burst), List.of());
        if (diff > 0)
            return new ReplicaPlan(0, List.copyOf(DeletionOrder.rank(active).subList(0, Math.min(diff, burst))));
        return NOTHING;
    }

    /** spec.replicas, 1 when unset (the API default). */
    static int desired(ReplicaSet rs) {
        Integer r = rs.getSpec().getReplicas();
        return r == null ? 1 : r;
    }

    /** Pods that still count: neither finished nor being deleted (upstream FilterActivePods). */
    static List<Pod> active(List<Pod> pods) {
        List<Pod> out = new ArrayList<>();
        for (Pod p : pods) {
            if (!Pods.isTerminal(p) && p.getMetadata().getDeletionTimestamp() == null) out.add(p);
        }
        return out;
    }
}

package io.everynode.controllers.replicaset;

import io.everynode.api.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A ReplicaSet's status counters (upstream calculateStatus) over its active pods: replicas, those
 * carrying every template label (fullyLabeled), Ready, and available (Ready for at least
 * minReadySeconds); plus when the next Ready pod becomes available. Pure.
 */
record ReplicaCounts(int replicas, int fullyLabeled, int ready, int available, Optional<Duration> nextAvailable) {
    static ReplicaCounts of(ReplicaSet rs, List<Pod> active, Instant now) {
        Map<String, String> templateLabels = rs.getSpec().getTemplate() == null
                        || rs.getSpec().getTemplate().getMetadata() == null
                        || rs.getSpec().getTemplate().getMetadata().getLabels() == null
                ? Map.of()
                : rs.getSpec().getTemplate().getMetadata().getLabels();
        Duration minReady = Duration.ofSeconds(minReadySeconds(rs));
        int labeled = 0, ready = 0, available = 0;
        Duration next = null;
        for (Pod p : active) {
            Map<String, String> labels = p.getMetadata().getLabels() == null
                    ? Map.of()
                    : p.getMetadata().getLabels();
            if (labels.entrySet().containsAll(templateLabels.entrySet())) labeled++;
            if (!Pods.isReady(p)) continue;
            ready++;
            Duration left = Duration.between(now, DeletionOrder.readySince(p).plus(minReady));
            if (minReady.isZero() || left.isNegative() || left.isZero()) available++;
            else if (next == null || left.compareTo(next) < 0) next = left;
        }
        return new ReplicaCounts(active.size(), labeled, ready, available, Optional.ofNullable(next));
    }

    static int minReadySeconds(ReplicaSet rs) {
        Integer m = rs.getSpec().getMinReadySeconds();
        return m == null ? 0 : m;
    }

    /** Whether {@code status} already says what these counts and {@code generation} say. */
    boolean sameAs(ReplicaSetStatus status, Long generation) {
        if (status == null) return false;
        return n(status.getReplicas()) == replicas
                && n(status.getFullyLabeledReplicas()) == fullyLabeled
                && n(status.getReadyReplicas()) == ready
                && n(status.getAvailableReplicas()) == available
                && Objects.equals(status.getObservedGeneration(), generation);
    }

    void applyTo(ReplicaSetStatus status) {
        status.setReplicas(replicas);
        status.setFullyLabeledReplicas(fullyLabeled);
        status.setReadyReplicas(ready);
        status.setAvailableReplicas(available);
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}

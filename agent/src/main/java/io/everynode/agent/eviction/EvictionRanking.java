package io.everynode.agent.eviction;

import io.everynode.api.qos.Resources;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * R9.3, memory pressure: the order in which pods are offered for eviction, a pure function.
 * <ol>
 *   <li>pods whose memory use exceeds their memory request first, and pods with no figure before
 *       those (BestEffort pods request 0, so any use exceeds it: that is all QoS still does);</li>
 *   <li>then lower priority ({@code spec.priority}, 0 when unset) first;</li>
 *   <li>then larger {@code use − request} first.</li>
 * </ol>
 * Ties keep namespace/name order, so the ranking is deterministic. Critical pods are ranked like
 * any other; the manager skips them (R9.4).
 */
final class EvictionRanking {
    private EvictionRanking() {}

    static List<ActivePod> rank(List<ActivePod> pods) {
        List<ActivePod> out = new ArrayList<>(pods);
        out.sort(ORDER);
        return out;
    }

    /** The pod's memory request in bytes (the effective request: containers summed, init containers' largest, overhead). */
    static long request(Pod pod) {
        return pod.getSpec() == null ? 0 : Resources.podMemoryBytes(pod.getSpec());
    }

    static int priority(Pod pod) {
        Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
        return p == null ? 0 : p;
    }

    /** 0: no figure; 1: use above request; 2: within its request. */
    private static int exceeds(ActivePod p) {
        if (p.usageBytes().isEmpty()) return 0;
        return p.usageBytes().getAsLong() > request(p.pod()) ? 1 : 2;
    }

    /** use − request; no figure counts as the largest excess. */
    private static long excess(ActivePod p) {
        return p.usageBytes().isEmpty() ? Long.MAX_VALUE : p.usageBytes().getAsLong() - request(p.pod());
    }

    private static final Comparator<ActivePod> ORDER = Comparator.comparingInt(EvictionRanking::exceeds)
            .thenComparingInt(p -> priority(p.pod()))
            .thenComparing(Comparator.comparingLong(EvictionRanking::excess).reversed())
            .thenComparing(p -> p.pod().getMetadata().getNamespace() + "/"
                    + p.pod().getMetadata().getName());
}

package io.everynode.controllers.scheduler;

import io.everynode.api.qos.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Ranks feasible nodes: upstream's LeastAllocated (free share of cpu and memory after placing the
 * pod, 0–100, averaged) plus BalancedAllocation (100 × (1 − |cpuShare − memShare| / 2)), both with
 * weight 1. Containers without a request count as upstream's non-zero defaults (100m cpu, 200Mi
 * memory) so empty pods still spread. Ties go to the lexically first node name: deterministic,
 * where upstream picks at random.
 */
final class NodeScorer {
    static final long DEFAULT_MILLI_CPU = 100;
    static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private NodeScorer() {}

    static NodeInfo best(Pod pod, List<NodeInfo> feasible) {
        return feasible.stream()
                .min(Comparator.comparingLong((NodeInfo n) -> -score(pod, n)).thenComparing(NodeInfo::name))
                .orElseThrow();
    }

    static long score(Pod pod, NodeInfo node) {
        long[] podReq = nonZero(pod);
        long cpuUsed = podReq[0];
        long memUsed = podReq[1];
        for (Pod p : node.allPods()) {
            long[] r = nonZero(p);
            cpuUsed += r[0];
            memUsed += r[1];
        }
        long cpuAlloc = node.allocatable(Resources.CPU);
        long memAlloc = node.allocatable(Resources.MEMORY);
        long least = (leastAllocated(cpuUsed, cpuAlloc) + leastAllocated(memUsed, memAlloc)) / 2;
        double cpuShare = share(cpuUsed, cpuAlloc);
        double memShare = share(memUsed, memAlloc);
        long balanced = (long) ((1 - Math.abs(cpuShare - memShare) / 2) * 100);
        return least + balanced;
    }

    static long leastAllocated(long used, long allocatable) {
        if (allocatable == 0 || used > allocatable) {
            return 0;
        }
        return (allocatable - used) * 100 / allocatable;
    }

    private static double share(long used, long allocatable) {
        return allocatable == 0 ? 1 : Math.min(1.0, (double) used / allocatable);
    }

    /** {cpu millis, memory bytes} with per-container defaults for missing requests. */
    static long[] nonZero(Pod pod) {
        long cpu = 0;
        long mem = 0;
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            for (Container c : pod.getSpec().getContainers()) {
                Map<String, Quantity> req =
                        c.getResources() == null ? null : c.getResources().getRequests();
                Quantity qc = req == null ? null : req.get(Resources.CPU);
                Quantity qm = req == null ? null : req.get(Resources.MEMORY);
                cpu += qc == null ? DEFAULT_MILLI_CPU : Resources.cpuMillis(qc);
                mem += qm == null ? DEFAULT_MEMORY : Resources.bytes(qm);
            }
        }
        return new long[] {cpu, mem};
    }
}

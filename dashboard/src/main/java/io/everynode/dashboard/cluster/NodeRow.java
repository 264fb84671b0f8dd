package io.everynode.dashboard.cluster;

import java.util.List;
import java.util.Map;

/**
 * One node of the cluster view.
 *
 * @param name the node's name
 * @param ready its Ready condition's status: True, False or Unknown (also when it has none)
 * @param conditions the status of each of {@link NodeRows#CONDITIONS}, in that order (Unknown when absent)
 * @param problems what is wrong, worst first: {@code NotReady} / {@code ReadyUnknown}, then
 *     every pressure or {@code NetworkUnavailable} condition that is True
 * @param taints {@code key=value:Effect} (or {@code key:Effect}), as kubectl describe prints them
 * @param unschedulable cordoned ({@code spec.unschedulable})
 * @param cpu millicores
 * @param memory bytes
 * @param pods pod counts
 */
public record NodeRow(
        String name,
        String ready,
        Map<String, String> conditions,
        List<String> problems,
        List<String> taints,
        boolean unschedulable,
        Usage cpu,
        Usage memory,
        Usage pods) {
    public NodeRow {
        conditions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(conditions));
        problems = List.copyOf(problems);
        taints = List.copyOf(taints);
    }

    /**
     * One resource of a node: what it has, what pods may use, and what the pods bound to it
     * request (the scheduler's sum, api.qos.Resources).
     */
    public record Usage(long capacity, long allocatable, long requested) {
        /** Requested as a whole percentage of allocatable, rounded up; 0 when nothing is allocatable. */
        public int percent() {
            if (allocatable <= 0) return 0;
            return (int) Math.min(999, (requested * 100 + allocatable - 1) / allocatable);
        }

        /** {@code ok} below 80 %, {@code high} from 80 % to 100 %, {@code over} past it. */
        public String level() {
            int p = percent();
            return p > 100 ? "over" : p >= 80 ? "high" : "ok";
        }
    }
}

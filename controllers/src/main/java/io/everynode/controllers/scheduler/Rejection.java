package io.everynode.controllers.scheduler;

import java.util.List;

/**
 * Why one filter turned a node down. {@code resolvable} is upstream's Unschedulable (removing pods
 * could help: resources, ports) versus UnschedulableAndUnresolvable (labels, taints, names:
 * preemption cannot help, R8.4).
 */
record Rejection(String filter, List<String> reasons, boolean resolvable) {
    static Rejection unresolvable(String filter, String reason) {
        return new Rejection(filter, List.of(reason), false);
    }

    static Rejection resolvable(String filter, List<String> reasons) {
        return new Rejection(filter, List.copyOf(reasons), true);
    }
}

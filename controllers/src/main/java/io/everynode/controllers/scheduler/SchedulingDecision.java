package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** The plan for one pod (style rule 2: decide, then act). */
public sealed interface SchedulingDecision {
    /** The pod fits; bind it to {@code node}. */
    record Bind(String node) implements SchedulingDecision {}

    /**
     * The pod fits nowhere, but deleting {@code victims} on {@code node} makes room (R8.4). The pod
     * is nominated to the node and retried; {@code message} is the FailedScheduling text.
     */
    record Preempt(String node, List<Pod> victims, String message) implements SchedulingDecision {}

    /** The pod fits nowhere; {@code message} is upstream's FailedScheduling text. */
    record Unschedulable(String message) implements SchedulingDecision {}
}

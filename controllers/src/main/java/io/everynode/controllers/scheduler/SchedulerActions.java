package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

/**
 * Everything the scheduler writes, through the API. Implementations throw on failure; the
 * scheduler then forgets its assumption and retries the pod with back-off.
 */
public interface SchedulerActions {
    /** POST pods/{name}/binding to the node. */
    void bind(Pod pod, String nodeName);

    /** Sets (adds or replaces by type) one condition in the pod's status. */
    void updatePodCondition(Pod pod, PodCondition condition);

    /** Sets status.nominatedNodeName; an empty name clears it. */
    void setNominatedNode(Pod pod, String nodeName);

    /** Graceful delete (the pod's own grace period). */
    void deletePod(Pod pod);

    /** An event about {@code regarding}; type is Normal or Warning. */
    void recordEvent(Pod regarding, String type, String reason, String message);
}

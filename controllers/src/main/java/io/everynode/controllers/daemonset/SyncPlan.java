package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one manage or rolling-update pass decided, as plain data (style rule 2): pods to create
 * (one per node), pods to delete with a named reason, events to emit, and when to look again.
 * Carried out by {@link PodWriter} under the burst limit (R2.9).
 */
record SyncPlan(List<PodCreate> creates, List<PodDelete> deletes, List<Event> events, Optional<Duration> requeueAfter) {
    /** A pod to create for {@code node}; {@code pod} is fully shaped (R2.10). */
    record PodCreate(String node, Pod pod) {}

    /** A pod to delete and why. */
    record PodDelete(String name, String node, DeleteReason reason) {}

    /** An event on the DaemonSet ("Normal"/"Warning"). */
    record Event(String type, String reason, String message) {}

    /** Why a pod goes. */
    enum DeleteReason {
        /** R2.7: the pod failed (subject to back-off). */
        FAILED,
        /** R2.7: the pod succeeded; daemons must keep running. */
        SUCCEEDED,
        /** R2.5/R2.6: more than one running pod on the node. */
        EXCESS,
        /** R1.6/R2.4: the node no longer accepts the pod (e.g. untolerated NoExecute taint). */
        NODE_REJECTS,
        /** R2.8: unscheduled pod aimed at a node that no longer exists. */
        NODE_GONE,
        /** R5.4/R5.5: old pod replaced by the rolling update. */
        ROLLING_UPDATE,
        /** R5.5: old pod on a node that should no longer run it, removed while availability allows. */
        SURGE_NODE_REJECTS
    }

    static SyncPlan empty() {
        return new SyncPlan(List.of(), List.of(), List.of(), Optional.empty());
    }

    /** Mutable collector used by the planners. */
    static final class Builder {
        final List<String> nodesNeedingPods = new ArrayList<>();
        final List<PodDelete> deletes = new ArrayList<>();
        final List<Event> events = new ArrayList<>();
        Duration requeueAfter;

        void requeueAfter(Duration d) {
            if (requeueAfter == null || d.compareTo(requeueAfter) < 0) {
                requeueAfter = d;
            }
        }
    }
}

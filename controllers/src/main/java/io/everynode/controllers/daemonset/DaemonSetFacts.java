package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;

/**
 * The DaemonSet controller's facts about its pods, for readers outside the controller (the
 * advisor's {@code why}): which node a daemon pod is meant for, which revision is current, the
 * rolling-update budget. The controller's own code, so an explanation never disagrees with it.
 */
public final class DaemonSetFacts {
    /** The label naming the pod template revision a daemon pod was made from (R4.2). */
    public static final String HASH_LABEL = PodFacts.HASH_LABEL;

    private DaemonSetFacts() {}

    /** R2.3: the node a daemon pod is meant for, bound or not; empty when none. */
    public static String targetNode(Pod pod) {
        return PodFacts.targetNode(pod);
    }

    /** R4.2: the hash of the current template revision, as new daemon pods are labelled with it. */
    public static String currentHash(DaemonSet ds) {
        Integer collisions = ds.getStatus() == null ? null : ds.getStatus().getCollisionCount();
        return RevisionData.hash(ds.getSpec().getTemplate(), collisions);
    }

    /** R3.3: ready for minReadySeconds (the DaemonSet's) by now. */
    public static boolean available(Pod pod, DaemonSet ds, java.time.Instant now) {
        return PodFacts.available(pod, ManagePlanner.minReadySeconds(ds), now);
    }

    /**
     * R5.2: the rolling-update budget for {@code desired} nodes, or null when the strategy is not
     * RollingUpdate (OnDelete replaces a pod only when it is deleted).
     *
     * @throws IllegalArgumentException for an invalid percentage, as the controller's sync fails
     */
    public static Budget budget(DaemonSet ds, int desired) {
        if (!UpdateBudget.isRollingUpdate(ds)) {
            return null;
        }
        UpdateBudget b = UpdateBudget.of(ds, desired);
        return new Budget(b.maxSurge(), b.maxUnavailable());
    }

    /** The effective maxSurge and maxUnavailable of one rolling-update pass (R5.2). */
    public record Budget(int maxSurge, int maxUnavailable) {}
}

package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Map;
import java.util.Optional;

/**
 * Every write (and the few uncached reads) the DaemonSet controller performs. One narrow seam:
 * the controller decides a plan from {@link DaemonSetWorld}, then carries it out here. Every
 * method throws {@link ActionException} on failure; arguments are never mutated afterwards.
 */
public interface DaemonSetActions {
    /** Creates {@code pod} (generateName set, name empty); returns the stored pod (with its name). */
    Pod createPod(String namespace, Pod pod);

    void deletePod(String namespace, String name);

    /** Strategic-merge style label patch: sets exactly the given labels, leaves others alone (R4.3 step 2/6). */
    void patchPodLabels(String namespace, String name, Map<String, String> labels);

    /**
     * E6.2: writes the pod's metadata and spec (an in-place update: new images and revision
     * labels), guarded by its resourceVersion; returns the stored pod, or throws CONFLICT.
     */
    Pod updatePod(Pod pod);

    /**
     * E6.3/E6.4: sets one condition in the pod's status (merged by type; the kubelet's and
     * others' conditions stay), guarded by the pod's resourceVersion when it has one; returns the
     * stored pod, or throws CONFLICT.
     */
    Pod setPodCondition(Pod pod, io.fabric8.kubernetes.api.model.PodCondition condition);

    /** Adds a controller ownerReference to {@code ds} (R2.2); returns the updated pod. */
    Pod adoptPod(Pod pod, DaemonSet ds);

    /** Removes the ownerReference to {@code ds} (R2.2). */
    void releasePod(Pod pod, DaemonSet ds);

    ControllerRevision createRevision(String namespace, ControllerRevision revision);

    /** Uncached GET, used on a create collision (R4.4). */
    Optional<ControllerRevision> getRevision(String namespace, String name);

    ControllerRevision updateRevision(String namespace, ControllerRevision revision);

    void deleteRevision(String namespace, String name);

    ControllerRevision adoptRevision(ControllerRevision revision, DaemonSet ds);

    void releaseRevision(ControllerRevision revision, DaemonSet ds);

    /** Uncached GET of the DaemonSet (R2.2 adoption re-check, R3.2 retry, R4.4 collision). */
    Optional<DaemonSet> getDaemonSet(String namespace, String name);

    /**
     * Updates the DaemonSet object (metadata and spec), guarded by its resourceVersion; returns the
     * stored object, or throws CONFLICT when it changed meanwhile. Used only by E3.3/E3.4 (the
     * controller pauses or reverts a failing rollout).
     */
    DaemonSet updateDaemonSet(DaemonSet ds);

    /**
     * Writes {@code ds.status} through the status subresource, guarded by its resourceVersion;
     * returns the stored object, or throws CONFLICT when the object changed meanwhile. Used for
     * the counters (R3.2) and for collisionCount (R4.4).
     */
    DaemonSet updateStatus(DaemonSet ds);

    /**
     * {@link #updateStatus(DaemonSet)} knowing the current revision's hash, which the Advanced
     * DaemonSet's status carries as {@code daemonSetHash} (E7.3); apps/v1 has no such field.
     */
    default DaemonSet updateStatus(DaemonSet ds, String revisionHash) {
        return updateStatus(ds);
    }

    /**
     * Records an event on {@code ds} from source component {@code daemonset-controller}.
     *
     * @param type "Normal" or "Warning"
     */
    void recordEvent(DaemonSet ds, String type, String reason, String message);
}

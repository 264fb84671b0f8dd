package io.everynode.controllers.replicaset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Optional;

/**
 * Every write (and the one uncached read) of the ReplicaSet controller: the narrow seam a sync
 * acts through after planning. Methods throw
 * {@link io.everynode.controllers.daemonset.ActionException} on failure.
 */
public interface ReplicaSetActions {
    /** Creates {@code pod} (generateName set); returns the stored pod. */
    Pod createPod(String namespace, Pod pod);

    void deletePod(String namespace, String name);

    /** Adds {@code owner} as the pod's controller reference (guarded by its resourceVersion). */
    void adoptPod(Pod pod, OwnerReference owner);

    /** Removes {@code owner} from the pod's ownerReferences. */
    void releasePod(Pod pod, OwnerReference owner);

    /** Uncached GET, the re-check before adopting. */
    Optional<ReplicaSet> getReplicaSet(String namespace, String name);

    /** Writes {@code rs.status} through the status subresource, guarded by its resourceVersion. */
    ReplicaSet updateStatus(ReplicaSet rs);

    /** Records an event about {@code rs}; returns at once. */
    void recordEvent(ReplicaSet rs, String type, String reason, String message);
}

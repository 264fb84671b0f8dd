package io.everynode.controllers.podgc;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

/** Everything pod GC writes, through the API. Implementations throw on failure. */
public interface PodGcActions {
    /** Patches status.phase to Failed, adding {@code condition} when it is not null. */
    void markFailed(Pod pod, PodCondition condition);

    /** Deletes with grace period 0. */
    void forceDelete(Pod pod);
}

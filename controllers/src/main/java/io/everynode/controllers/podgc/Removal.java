package io.everynode.controllers.podgc;

import io.fabric8.kubernetes.api.model.Pod;

/** One pod pod GC will remove, and why (R10.5's four passes). */
record Removal(Pod pod, Cause cause) {
    enum Cause {
        /** R10.5.1: more terminated pods than the threshold. */
        TERMINATED_OVER_THRESHOLD,
        /** R10.5.2: terminating on a not-Ready node tainted out-of-service. */
        OUT_OF_SERVICE,
        /** R10.5.3: bound to a node that no longer exists. */
        ORPHANED,
        /** R10.5.4: terminating but never scheduled. */
        UNSCHEDULED_TERMINATING
    }
}

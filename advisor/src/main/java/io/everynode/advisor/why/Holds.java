package io.everynode.advisor.why;

import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.Pod;

/** Words the rollout holds share. */
final class Holds {
    private Holds() {}

    /** The pod's revision hash label, or {@code none}. */
    static String label(Pod pod) {
        var labels = pod.getMetadata().getLabels();
        return labels == null ? "none" : labels.getOrDefault(DaemonSetFacts.HASH_LABEL, "none");
    }
}

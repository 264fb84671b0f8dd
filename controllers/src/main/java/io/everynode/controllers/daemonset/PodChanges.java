package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod writes of rules E6.2–E6.4 as plain data (style rule 2), carried out by {@link
 * InPlaceWriter}: in-place updates, and marks (a lifecycle label and/or one condition).
 */
record PodChanges(List<InPlace> updates, List<Mark> marks) {
    /** Kruise's readiness gate and condition of an in-place update. */
    static final String IN_PLACE_READY = "InPlaceUpdateReady";
    /** Kruise's annotation recording an in-place update: revision, time, the old containers' imageIDs. */
    static final String IN_PLACE_STATE = "apps.kruise.io/inplace-update-state";

    /**
     * E6.2: update {@code pod} in place to {@code updated} (images, labels, annotations). Its
     * InPlaceUpdateReady condition goes False first, so the pod leaves Ready before any container
     * restarts.
     */
    record InPlace(Pod pod, Pod updated, Map<String, String> images) {}

    /** Labels to set on a pod (empty for none) and a condition to set (if any). */
    record Mark(Pod pod, Map<String, String> labels, Optional<PodCondition> condition) {}

    static PodCondition condition(String type, boolean ok, String reason, String message, String now) {
        PodConditionBuilder b = new PodConditionBuilder()
                .withType(type)
                .withStatus(ok ? "True" : "False")
                .withLastTransitionTime(now);
        if (reason != null) {
            b.withReason(reason).withMessage(message);
        }
        return b.build();
    }
}

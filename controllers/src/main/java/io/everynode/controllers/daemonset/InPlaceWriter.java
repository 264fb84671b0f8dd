package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out {@link PodChanges} through {@link DaemonSetActions}. An in-place update (E6.2) is
 * two writes, each guarded by the pod's resourceVersion: InPlaceUpdateReady False, then the
 * pod's images and labels. A conflict means the cache was behind (the pod changed since it was
 * read): nothing more is written for that pod and the pod's watch event brings the next sync.
 */
final class InPlaceWriter {
    static final String UPDATED_REASON = "SuccessfulUpdatePodInPlace";

    private final DaemonSetActions actions;

    InPlaceWriter(DaemonSetActions actions) {
        this.actions = actions;
    }

    /** Returns the errors met (conflicts and NotFound excluded). */
    List<ActionException> write(DaemonSet ds, PodChanges changes, String now) {
        List<ActionException> errors = new ArrayList<>();
        String ns = ds.getMetadata().getNamespace();
        for (PodChanges.Mark m : changes.marks()) {
            try {
                if (!m.labels().isEmpty()) {
                    actions.patchPodLabels(ns, m.pod().getMetadata().getName(), m.labels());
                }
                if (m.condition().isPresent()) {
                    Pod latest = m.labels().isEmpty() ? m.pod() : unguarded(m.pod());
                    actions.setPodCondition(latest, m.condition().get());
                }
            } catch (ActionException e) {
                keep(errors, e);
            }
        }
        for (PodChanges.InPlace u : changes.updates()) {
            try {
                Pod held = actions.setPodCondition(
                        u.pod(),
                        PodChanges.condition(
                                PodChanges.IN_PLACE_READY,
                                false,
                                "InPlaceUpdate",
                                "updating containers " + u.images().keySet() + " in place",
                                now));
                Pod next = io.everynode.api.json.Json.MAPPER.convertValue(u.updated(), Pod.class);
                next.getMetadata().setResourceVersion(held.getMetadata().getResourceVersion());
                actions.updatePod(next);
                actions.recordEvent(
                        ds,
                        "Normal",
                        UPDATED_REASON,
                        "successfully update pod " + u.pod().getMetadata().getName() + " in-place");
            } catch (ActionException e) {
                keep(errors, e);
            }
        }
        return errors;
    }

    /** The pod without its resourceVersion: a condition set right after a label patch of ours. */
    private static Pod unguarded(Pod pod) {
        Pod p = io.everynode.api.json.Json.MAPPER.convertValue(pod, Pod.class);
        p.getMetadata().setResourceVersion(null);
        return p;
    }

    private static void keep(List<ActionException> errors, ActionException e) {
        if (e.kind() != ActionException.Kind.CONFLICT && e.kind() != ActionException.Kind.NOT_FOUND) {
            errors.add(e);
        }
    }
}

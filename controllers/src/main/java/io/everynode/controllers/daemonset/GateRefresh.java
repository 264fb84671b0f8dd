package io.everynode.controllers.daemonset;

import io.everynode.api.json.Json;
import io.everynode.api.rollout.LifecycleHooks;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * E6.3: the conditions behind the readiness gates the controller gives its pods, kept as
 * OpenKruise keeps them. A gate without its condition gets it True (a new pod); an in-place update's
 * InPlaceUpdateReady goes True once every updated container reports an image other than the one
 * it ran before (Kruise's check: the imageID changed, or the image is the spec's); then a pod in
 * lifecycle state Updated returns to Normal (E6.4) and, with markPodNotReady, KruisePodReady True.
 * Pure.
 */
final class GateRefresh {
    private GateRefresh() {}

    static List<PodChanges.Mark> plan(List<Pod> pods, LifecycleHooks hooks, Instant now) {
        List<PodChanges.Mark> marks = new ArrayList<>();
        String at = Lifecycle.time(now);
        for (Pod pod : pods) {
            if (PodFacts.terminating(pod)) {
                continue;
            }
            Optional<PodCondition> ipu = condition(pod, PodChanges.IN_PLACE_READY);
            boolean updateDone = ipu.isPresent() && !"True".equals(ipu.get().getStatus()) && completed(pod);
            if ((ipu.isEmpty() && gated(pod, PodChanges.IN_PLACE_READY)) || updateDone) {
                marks.add(new PodChanges.Mark(
                        pod,
                        Map.of(),
                        Optional.of(PodChanges.condition(PodChanges.IN_PLACE_READY, true, null, null, at))));
            }
            boolean updated = LifecycleHooks.UPDATED.equals(LifecycleHooks.state(pod))
                    && (updateDone || ipu.map(c -> "True".equals(c.getStatus())).orElse(false));
            Optional<PodCondition> kpr = condition(pod, LifecycleHooks.POD_READY_GATE);
            boolean release = updated
                    && hooks.inPlaceUpdate()
                            .map(LifecycleHooks.Hook::markPodNotReady)
                            .orElse(false);
            if (updated || (kpr.isEmpty() && gated(pod, LifecycleHooks.POD_READY_GATE))) {
                marks.add(new PodChanges.Mark(
                        pod,
                        updated ? Map.of(LifecycleHooks.STATE_LABEL, LifecycleHooks.NORMAL) : Map.of(),
                        kpr.isEmpty() && gated(pod, LifecycleHooks.POD_READY_GATE) || release
                                ? Optional.of(PodChanges.condition(LifecycleHooks.POD_READY_GATE, true, null, null, at))
                                : Optional.empty()));
            }
        }
        return marks;
    }

    /** Kruise's completion check of the in-place update recorded on the pod. */
    static boolean completed(Pod pod) {
        Map<String, String> a = pod.getMetadata().getAnnotations();
        String raw = a == null ? null : a.get(PodChanges.IN_PLACE_STATE);
        if (raw == null) {
            return false;
        }
        JsonNode state;
        try {
            state = Json.MAPPER.readTree(raw);
        } catch (RuntimeException e) {
            return false;
        }
        if (!state.path("revision").asString("").equals(PodFacts.label(pod, PodFacts.HASH_LABEL))) {
            return false;
        }
        Map<String, String> images = new HashMap<>();
        for (Container c : pod.getSpec().getContainers()) {
            images.put(c.getName(), c.getImage());
        }
        Map<String, ContainerStatus> statuses = new HashMap<>();
        if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
            pod.getStatus().getContainerStatuses().forEach(cs -> statuses.put(cs.getName(), cs));
        }
        JsonNode last = state.path("lastContainerStatuses");
        for (String name : last.propertyNames()) {
            ContainerStatus cs = statuses.get(name);
            if (cs == null) {
                return false;
            }
            String oldId = last.path(name).path("imageID").asString("");
            if (oldId.equals(cs.getImageID())
                    && !String.valueOf(images.get(name)).equals(cs.getImage())) {
                return false;
            }
            if (cs.getState() == null || cs.getState().getRunning() == null) {
                return false; // not yet running the new image
            }
        }
        return true;
    }

    static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst();
    }

    static boolean gated(Pod pod, String type) {
        List<PodReadinessGate> gates = pod.getSpec().getReadinessGates();
        return gates != null && gates.stream().anyMatch(g -> type.equals(g.getConditionType()));
    }
}

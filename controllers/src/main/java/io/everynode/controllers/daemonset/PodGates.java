package io.everynode.controllers.daemonset;

import io.everynode.api.rollout.LifecycleHooks;
import io.everynode.api.rollout.RollingUpdateType;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.List;

/**
 * E6.3: the readiness gates the controller adds to the pods it creates, as OpenKruise does:
 * {@code InPlaceUpdateReady} under InPlaceIfPossible (so an in-place update can take the pod out
 * of Ready before its containers restart), {@code KruisePodReady} when a lifecycle hook has
 * markPodNotReady. Their conditions are kept by {@link GateRefresh}. The revision hash is of the
 * template, so the gates do not change it. Pure; {@code base} is not modified.
 */
final class PodGates {
    private PodGates() {}

    static Pod add(Pod base, DaemonSet ds) {
        List<String> wanted = new ArrayList<>();
        if (RollingUpdateType.of(ds.getMetadata()) == RollingUpdateType.IN_PLACE_IF_POSSIBLE) {
            wanted.add(PodChanges.IN_PLACE_READY);
        }
        if (LifecycleHooks.of(ds.getMetadata()).marksNotReady()) {
            wanted.add(LifecycleHooks.POD_READY_GATE);
        }
        if (wanted.isEmpty()) {
            return base;
        }
        Pod pod = io.everynode.api.json.Json.MAPPER.convertValue(base, Pod.class);
        List<PodReadinessGate> gates = new ArrayList<>(
                pod.getSpec().getReadinessGates() == null
                        ? List.of()
                        : pod.getSpec().getReadinessGates());
        for (String type : wanted) {
            if (gates.stream().noneMatch(g -> type.equals(g.getConditionType()))) {
                gates.add(new PodReadinessGate(type));
            }
        }
        pod.getSpec().setReadinessGates(gates);
        return pod;
    }
}

package io.everynode.agent;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubelet's readiness gates ({@code spec.readinessGates}): a pod whose containers are all
 * ready is Ready only when, for every gate, a condition of the gate's type exists and is True.
 * The messages are the kubelet's words. Pure.
 */
final class ReadinessGates {
    /** The Ready condition's reason while a gate holds it False. */
    static final String REASON = "ReadinessGatesNotReady";

    private ReadinessGates() {}

    /** Why the gates hold the pod not Ready, or null when every gate's condition is True (or there are none). */
    static String unready(Pod pod, List<PodCondition> conditions) {
        List<PodReadinessGate> gates = pod.getSpec().getReadinessGates();
        if (gates == null || gates.isEmpty()) return null;
        List<String> messages = new ArrayList<>();
        for (PodReadinessGate g : gates) {
            PodCondition c = conditions.stream()
                    .filter(x -> g.getConditionType().equals(x.getType()))
                    .findFirst()
                    .orElse(null);
            if (c == null) {
                messages.add("corresponding condition of pod readiness gate \"" + g.getConditionType()
                        + "\" does not exist.");
            } else if (!"True".equals(c.getStatus())) {
                messages.add("the status of pod readiness gate \"" + g.getConditionType() + "\" is not \"True\", but "
                        + c.getStatus());
            }
        }
        return messages.isEmpty() ? null : String.join(", ", messages);
    }
}

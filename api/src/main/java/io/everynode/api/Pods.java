package io.everynode.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Optional;

/**
 * The one place for the pod facts every module asks: its key, whether it is Ready, whether it
 * has finished. Null-tolerant: a pod without status is neither Ready nor terminal.
 */
public final class Pods {
    private Pods() {}

    /** {@code <namespace>/<name>}, the key informers, listers and work queues use. */
    public static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    /** status.phase, or "" when unset. */
    public static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null
                ? ""
                : pod.getStatus().getPhase();
    }

    /** Succeeded or Failed: nothing of the pod runs again (for callers that hold only the phase, e.g. JSON). */
    public static boolean isTerminalPhase(String phase) {
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    public static boolean isTerminal(Pod pod) {
        return isTerminalPhase(phase(pod));
    }

    /** The first condition of type Ready, as upstream's GetPodCondition finds it. */
    public static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) return Optional.empty();
        return pod.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .findFirst();
    }

    /** Its Ready condition is True (upstream's IsPodReady). */
    public static boolean isReady(Pod pod) {
        return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }
}

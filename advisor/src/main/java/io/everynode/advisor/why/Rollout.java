package io.everynode.advisor.why;

import io.everynode.controllers.daemonset.DaemonSetFacts;

/**
 * The rollout as the controller sees it right now: the current template hash, the budget (null
 * for OnDelete) and how many nodes that should run a pod have none available (R5.4's count); the
 * pause (E3.1) and the nodes the controller holds (E4.1, E4.2, E5.3), as its own code decides;
 * {@code resume}: how the user resumes a pause (the annotation removed, or the advanced kind's
 * field set to false); {@code hookHeld}: the old pods still available that a preDelete hook holds
 * in PreparingDelete (E6.4). The controller chose to delete each one and keeps choosing it at every
 * sync (it stays an available old pod), so each one keeps a slot of maxUnavailable (R5.4).
 */
record Rollout(
        String currentHash,
        DaemonSetFacts.Budget budget,
        int desired,
        int unavailable,
        java.util.Optional<String> pause,
        java.util.Map<String, DaemonSetFacts.Hold> holds,
        String resume,
        java.util.List<String> hookHeld) {
    boolean current(io.fabric8.kubernetes.api.model.Pod pod) {
        var labels = pod.getMetadata().getLabels();
        return labels != null && currentHash.equals(labels.get(DaemonSetFacts.HASH_LABEL));
    }
}

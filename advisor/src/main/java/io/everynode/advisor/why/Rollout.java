package io.everynode.advisor.why;

import io.everynode.controllers.daemonset.DaemonSetFacts;

/**
 * The rollout as the controller sees it right now: the current template hash, the budget (null
 * for OnDelete) and how many nodes that should run a pod have none available (R5.4's count); the
 * pause (E3.1) and the nodes the controller holds (E4.1, E4.2, E5.3), as its own code decides;
 * {@code resume}: how the user resumes a pause (the annotation removed, or the advanced kind's
 * field set to false).
 */
record Rollout(
        String currentHash,
        DaemonSetFacts.Budget budget,
        int desired,
        int unavailable,
        java.util.Optional<String> pause,
        java.util.Map<String, DaemonSetFacts.Hold> holds,
        String resume) {
    boolean current(io.fabric8.kubernetes.api.model.Pod pod) {
        var labels = pod.getMetadata().getLabels();
        return labels != null && currentHash.equals(labels.get(DaemonSetFacts.HASH_LABEL));
    }
}

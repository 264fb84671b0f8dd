package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;

/** Null-tolerant reads of pod fields the scheduler needs. */
final class PodFacts {
    private PodFacts() {}

    static int priority(Pod pod) {
        Integer p = pod.getSpec() == null ? null : pod.getSpec().getPriority();
        return p == null ? 0 : p;
    }

    static String nodeName(Pod pod) {
        String n = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return n == null ? "" : n;
    }

    static String nominatedNode(Pod pod) {
        String n = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        return n == null ? "" : n;
    }

    static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Creation time; pods without one sort as oldest. */
    static Instant created(Pod pod) {
        String ts = pod.getMetadata().getCreationTimestamp();
        return ts == null || ts.isEmpty() ? Instant.EPOCH : Instant.parse(ts);
    }

    /** Start time if the pod started, else creation time (used to rank victims, R8.4). */
    static Instant started(Pod pod) {
        String ts = pod.getStatus() == null ? null : pod.getStatus().getStartTime();
        return ts == null || ts.isEmpty() ? created(pod) : Instant.parse(ts);
    }

    static String preemptionPolicy(Pod pod) {
        String p = pod.getSpec() == null ? null : pod.getSpec().getPreemptionPolicy();
        return p == null || p.isEmpty() ? "PreemptLowerPriority" : p;
    }
}

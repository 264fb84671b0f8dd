package io.everynode.controllers.daemonset;

import io.everynode.api.rollout.RolloutGuard;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * E3.2–E3.4: does this sync pause the rollout, or revert it? Pure: a function of the DaemonSet's
 * annotations, its current revision's hash, its new-revision pods, its old revisions and the
 * clock. The controller carries out the answer (one DaemonSet update and one Warning event).
 */
final class AutoPause {
    static final String PAUSED_REASON = "AutoPaused";
    static final String REVERTED_REASON = "AutoReverted";
    /** How many failing pods an event names before "and N more". */
    static final int PODS_NAMED = 10;

    enum Kind {
        NONE,
        PAUSE,
        REVERT
    }

    /**
     * @param target for {@link Kind#REVERT}, the revision to restore
     * @param recheck when a pod not yet failing would cross the not-ready threshold
     */
    record Decision(
            Kind kind,
            List<FailingPods.Failing> failing,
            Optional<ControllerRevision> target,
            String message,
            Optional<Duration> recheck) {
        static Decision none(Optional<Duration> recheck) {
            return new Decision(Kind.NONE, List.of(), Optional.empty(), "", recheck);
        }
    }

    private AutoPause() {}

    /**
     * @param newPods the DaemonSet's pods of the current revision
     * @param old the DaemonSet's other revisions
     */
    static Decision decide(DaemonSet ds, String hash, List<Pod> newPods, List<ControllerRevision> old, Instant now) {
        var meta = ds.getMetadata();
        Optional<Integer> k = RolloutGuard.autoPauseAfter(meta);
        if (k.isEmpty()
                || RolloutGuard.paused(meta) // E3.1: nothing more to stop
                || hash.equals(
                        RolloutGuard.annotation(meta, RolloutGuard.AUTO_PAUSED_REVISION))) { // E3.3: once per revision
            return Decision.none(Optional.empty());
        }
        FailingPods.Result r = FailingPods.of(newPods, RolloutGuard.unreadySeconds(meta), RolloutGuard.RESTARTS, now);
        if (r.failing().size() < k.get()) {
            return Decision.none(r.recheck());
        }
        String name = meta.getName();
        String pods = describe(r.failing());
        Optional<ControllerRevision> target =
                RolloutGuard.autoRevert(meta) ? lastFullyAvailable(old, hash) : Optional.empty();
        if (target.isPresent()) {
            String message = "Reverted DaemonSet \"" + name + "\" from revision " + hash + " to revision "
                    + HistoryPlan.hashOf(target.get()) + " (revision " + HistoryPlan.number(target.get())
                    + ", the last fully available): " + r.failing().size() + " new pods failing (threshold "
                    + k.get() + "): " + pods + ".";
            return new Decision(Kind.REVERT, r.failing(), target, message, Optional.empty());
        }
        String why = RolloutGuard.autoRevert(meta) ? " No fully available revision to revert to." : "";
        String message = "Paused the rollout of DaemonSet \"" + name + "\" at revision " + hash + ": "
                + r.failing().size() + " new pods failing (threshold " + k.get() + "): " + pods + "." + why
                + " Resume with: " + resume(ds);
        return new Decision(Kind.PAUSE, r.failing(), Optional.empty(), message, Optional.empty());
    }

    /** How a user resumes: the annotation on apps/v1, the paused field on the Advanced DaemonSet (E7.3). */
    static String resume(DaemonSet ds) {
        String name = ds.getMetadata().getName();
        if (ds.getApiVersion() != null && ds.getApiVersion().startsWith("apps.kruise.io/")) {
            return "kubectl patch daemonsets.apps.kruise.io " + name
                    + " --type=merge -p '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"paused\":false}}}}'";
        }
        return "kubectl annotate ds " + name + " " + RolloutGuard.PAUSED + "-";
    }

    /** E3.5: the highest-numbered other revision marked fully available. */
    static Optional<ControllerRevision> lastFullyAvailable(List<ControllerRevision> old, String hash) {
        return old.stream()
                .filter(r -> !hash.equals(HistoryPlan.hashOf(r)))
                .filter(r -> r.getMetadata().getAnnotations() != null
                        && r.getMetadata().getAnnotations().containsKey(RolloutGuard.FULLY_AVAILABLE))
                .max(Comparator.comparingLong(HistoryPlan::number));
    }

    private static String describe(List<FailingPods.Failing> failing) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(PODS_NAMED, failing.size()); i++) {
            FailingPods.Failing f = failing.get(i);
            if (i > 0) {
                s.append("; ");
            }
            s.append("pod ")
                    .append(f.pod())
                    .append(" on node ")
                    .append(f.node())
                    .append(" (")
                    .append(f.reason())
                    .append(')');
        }
        if (failing.size() > PODS_NAMED) {
            s.append(" and ").append(failing.size() - PODS_NAMED).append(" more");
        }
        return s.toString();
    }
}

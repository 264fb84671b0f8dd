package io.everynode.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's status from its ReplicaSets (upstream calculateStatus and syncRolloutStatus): the
 * counters {@code kubectl rollout status} reads, and the conditions Available
 * (MinimumReplicasAvailable / MinimumReplicasUnavailable) and Progressing (NewReplicaSetCreated,
 * FoundNewReplicaSet, ReplicaSetUpdated, NewReplicaSetAvailable, ProgressDeadlineExceeded,
 * DeploymentPaused, DeploymentResumed). Pure.
 */
final class DeploymentStatuses {
    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String NEW_RS_CREATED = "NewReplicaSetCreated";
    static final String FOUND_NEW_RS = "FoundNewReplicaSet";
    static final String RS_UPDATED = "ReplicaSetUpdated";
    static final String NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String PAUSED = "DeploymentPaused";
    static final String RESUMED = "DeploymentResumed";

    private DeploymentStatuses() {}

    /** The counters over {@code all} (spec replicas as planned, status as last reported). */
    static DeploymentStatus counts(Deployment d, ReplicaSet newRs, List<ReplicaSet> all) {
        int replicas = 0, ready = 0, available = 0, specTotal = 0;
        for (ReplicaSet rs : all) {
            replicas += RolloutPlanner.statusReplicas(rs);
            ready += rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null
                    ? 0
                    : rs.getStatus().getReadyReplicas();
            available += RolloutPlanner.available(rs);
            specTotal += RolloutPlanner.replicas(rs);
        }
        DeploymentStatus s = new DeploymentStatus();
        s.setObservedGeneration(d.getMetadata().getGeneration());
        s.setReplicas(replicas);
        s.setUpdatedReplicas(newRs == null ? 0 : RolloutPlanner.statusReplicas(newRs));
        s.setReadyReplicas(ready);
        s.setAvailableReplicas(available);
        s.setUnavailableReplicas(Math.max(0, specTotal - available));
        s.setCollisionCount(d.getStatus() == null ? null : d.getStatus().getCollisionCount());
        s.setConditions(new ArrayList<>(
                d.getStatus() == null || d.getStatus().getConditions() == null
                        ? List.of()
                        : d.getStatus().getConditions()));
        return s;
    }

    /** The new status: counters, Available, the plan's own condition, then Progressing as the rollout stands. */
    static DeploymentStatus compute(Deployment d, RolloutPlan plan, Instant now) {
        DeploymentStatus s = counts(d, plan.newRs, plan.all);
        int minAvailable = DeploymentSpecs.replicas(d) - DeploymentSpecs.maxUnavailable(d);
        if (s.getAvailableReplicas() >= minAvailable)
            set(
                    s,
                    condition(
                            AVAILABLE,
                            "True",
                            "MinimumReplicasAvailable",
                            "Deployment has minimum availability.",
                            now));
        else
            set(
                    s,
                    condition(
                            AVAILABLE,
                            "False",
                            "MinimumReplicasUnavailable",
                            "Deployment does not have minimum availability.",
                            now));
        pausedConditions(d, s, now);
        if (plan.progressing != null) set(s, plan.progressing);
        if (plan.rollout) progress(d, s, plan.newRs, now);
        return s;
    }

    /** Upstream checkPausedConditions. */
    private static void pausedConditions(Deployment d, DeploymentStatus s, Instant now) {
        if (DeploymentSpecs.progressDeadline(d).isEmpty()) return;
        DeploymentCondition cur = find(s, PROGRESSING);
        boolean pausedNow = cur != null && PAUSED.equals(cur.getReason());
        if (DeploymentSpecs.paused(d) && !pausedNow)
            set(s, condition(PROGRESSING, "Unknown", PAUSED, "Deployment is paused", now));
        else if (!DeploymentSpecs.paused(d) && pausedNow)
            set(s, condition(PROGRESSING, "Unknown", RESUMED, "Deployment is resumed", now));
    }

    /** Upstream syncRolloutStatus: complete, progressing, or past its deadline. */
    private static void progress(Deployment d, DeploymentStatus s, ReplicaSet newRs, Instant now) {
        Optional<Integer> deadline = DeploymentSpecs.progressDeadline(d);
        DeploymentCondition cur = find(s, PROGRESSING);
        boolean alreadyComplete = s.getReplicas().equals(s.getUpdatedReplicas())
                && cur != null
                && NEW_RS_AVAILABLE.equals(cur.getReason());
        if (deadline.isEmpty() || alreadyComplete) return;
        String rsName = newRs == null ? null : newRs.getMetadata().getName();
        if (complete(d, s)) {
            String msg = rsName == null
                    ? "Deployment \"" + d.getMetadata().getName() + "\" has successfully progressed."
                    : "ReplicaSet \"" + rsName + "\" has successfully progressed.";
            set(s, condition(PROGRESSING, "True", NEW_RS_AVAILABLE, msg, now));
        } else if (progressing(d, s)) {
            String msg = rsName == null
                    ? "Deployment \"" + d.getMetadata().getName() + "\" is progressing."
                    : "ReplicaSet \"" + rsName + "\" is progressing.";
            DeploymentCondition c = condition(PROGRESSING, "True", RS_UPDATED, msg, now);
            if (cur != null && "True".equals(cur.getStatus())) c.setLastTransitionTime(cur.getLastTransitionTime());
            s.getConditions().remove(cur);
            s.getConditions().add(c);
        } else if (timedOut(cur, deadline.get(), now)) {
            String msg = rsName == null
                    ? "Deployment \"" + d.getMetadata().getName() + "\" has timed out progressing."
                    : "ReplicaSet \"" + rsName + "\" has timed out progressing.";
            set(s, condition(PROGRESSING, "False", TIMED_OUT, msg, now));
        }
    }

    /** Every replica updated and available, none old, and this generation observed (upstream DeploymentComplete). */
    static boolean complete(Deployment d, DeploymentStatus s) {
        int want = DeploymentSpecs.replicas(d);
        long generation =
                d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        return s.getUpdatedReplicas() == want
                && s.getReplicas() == want
                && s.getAvailableReplicas() == want
                && s.getObservedGeneration() != null
                && s.getObservedGeneration() >= generation;
    }

    /** Something moved since the last status: more updated, fewer old, more ready or available. */
    private static boolean progressing(Deployment d, DeploymentStatus s) {
        DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        int oldOld = n(old.getReplicas()) - n(old.getUpdatedReplicas());
        int newOld = s.getReplicas() - s.getUpdatedReplicas();
        return s.getUpdatedReplicas() > n(old.getUpdatedReplicas())
                || newOld < oldOld
                || s.getReadyReplicas() > n(old.getReadyReplicas())
                || s.getAvailableReplicas() > n(old.getAvailableReplicas());
    }

    private static boolean timedOut(DeploymentCondition cur, int deadline, Instant now) {
        if (cur == null) return false;
        if (TIMED_OUT.equals(cur.getReason())) return true;
        if (NEW_RS_AVAILABLE.equals(cur.getReason()) || cur.getLastUpdateTime() == null) return false;
        return Instant.parse(cur.getLastUpdateTime()).plusSeconds(deadline).isBefore(now);
    }

    /** When to look again for a rollout still in progress: just after its deadline would pass. */
    static Optional<Duration> recheck(Deployment d, DeploymentStatus s, Instant now) {
        Optional<Integer> deadline = DeploymentSpecs.progressDeadline(d);
        DeploymentCondition cur = find(s, PROGRESSING);
        if (deadline.isEmpty() || cur == null || cur.getLastUpdateTime() == null) return Optional.empty();
        if (NEW_RS_AVAILABLE.equals(cur.getReason()) || TIMED_OUT.equals(cur.getReason()) || complete(d, s))
            return Optional.empty();
        Duration left =
                Duration.between(now, Instant.parse(cur.getLastUpdateTime()).plusSeconds(deadline.get()));
        return Optional.of(left.isNegative() ? Duration.ZERO : left.plusSeconds(1));
    }

    static DeploymentCondition progressing(Deployment d) {
        if (d.getStatus() == null || d.getStatus().getConditions() == null) return null;
        for (DeploymentCondition c : d.getStatus().getConditions()) if (PROGRESSING.equals(c.getType())) return c;
        return null;
    }

    static DeploymentCondition condition(String type, String status, String reason, String message, Instant now) {
        String t = now.truncatedTo(ChronoUnit.SECONDS).toString();
        DeploymentCondition c = new DeploymentCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastUpdateTime(t);
        c.setLastTransitionTime(t);
        return c;
    }

    /** Upstream SetDeploymentCondition: same status and reason → unchanged; same status keeps its transition time. */
    private static void set(DeploymentStatus s, DeploymentCondition c) {
        DeploymentCondition cur = find(s, c.getType());
        if (cur != null
                && cur.getStatus().equals(c.getStatus())
                && java.util.Objects.equals(cur.getReason(), c.getReason())) return;
        if (cur != null && cur.getStatus().equals(c.getStatus())) c.setLastTransitionTime(cur.getLastTransitionTime());
        s.getConditions().remove(cur);
        s.getConditions().add(c);
    }

    private static DeploymentCondition find(DeploymentStatus s, String type) {
        for (DeploymentCondition c : s.getConditions()) if (type.equals(c.getType())) return c;
        return null;
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}

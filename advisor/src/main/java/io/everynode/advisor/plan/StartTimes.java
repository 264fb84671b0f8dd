package io.everynode.advisor.plan;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The observed pod start time: creation to the Ready condition's transition, averaged over ready
 * pods. The mean, not the median, because both timestamps are whole seconds: the truncation errors
 * cancel out over many pods, not in a median. Pods are taken from the first of these with any
 * sample: the existing DaemonSet's own pods, pods of other DaemonSets, any pod; else {@link
 * #DEFAULT} (the same 30 s lint's EN009 assumes per wave).
 */
final class StartTimes {
    /** Used when no pod in the cluster is ready: a documented default, not a measurement. */
    static final Duration DEFAULT = Duration.ofSeconds(30);

    private StartTimes() {}

    static Plan.StartTime observe(DaemonSet existing, List<Pod> pods) {
        if (existing != null) {
            Optional<Plan.StartTime> own = mean(
                    own(existing, pods),
                    p -> true,
                    "pods of daemonset " + existing.getMetadata().getNamespace() + "/"
                            + existing.getMetadata().getName());
            if (own.isPresent()) return own.get();
        }
        return mean(
                        pods,
                        p -> controller(p)
                                .filter(r -> "DaemonSet".equals(r.getKind()))
                                .isPresent(),
                        "pods of other daemonsets")
                .or(() -> mean(pods, p -> true, "pods in the cluster"))
                .orElse(new Plan.StartTime(DEFAULT, 0, "default (no ready pod in the cluster to learn from)"));
    }

    /** The pods {@code existing} controls (none for a first create). */
    static List<Pod> own(DaemonSet existing, List<Pod> pods) {
        String uid = existing == null ? null : existing.getMetadata().getUid();
        if (uid == null) return List.of();
        return pods.stream()
                .filter(p -> controller(p).filter(r -> uid.equals(r.getUid())).isPresent())
                .toList();
    }

    private static Optional<Plan.StartTime> mean(List<Pod> pods, Predicate<Pod> which, String source) {
        long totalMillis = 0;
        int n = 0;
        for (Pod p : pods) {
            if (!which.test(p)) continue;
            Optional<Duration> d = startTime(p);
            if (d.isEmpty()) continue;
            totalMillis += d.get().toMillis();
            n++;
        }
        if (n == 0) return Optional.empty();
        return Optional.of(new Plan.StartTime(Duration.ofMillis(totalMillis / n), n, source));
    }

    /** Creation to Ready=True of a ready pod, or empty when it is not ready or lacks a timestamp. */
    static Optional<Duration> startTime(Pod p) {
        String created = p.getMetadata().getCreationTimestamp();
        if (created == null || p.getStatus() == null || p.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        for (PodCondition c : p.getStatus().getConditions()) {
            if ("Ready".equals(c.getType()) && "True".equals(c.getStatus()) && c.getLastTransitionTime() != null) {
                Duration d = Duration.between(Instant.parse(created), Instant.parse(c.getLastTransitionTime()));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static Optional<OwnerReference> controller(Pod p) {
        List<OwnerReference> refs = p.getMetadata().getOwnerReferences();
        if (refs == null) return Optional.empty();
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }
}

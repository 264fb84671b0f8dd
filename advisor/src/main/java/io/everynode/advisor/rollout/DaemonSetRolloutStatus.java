package io.everynode.advisor.rollout;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.List;

/**
 * One DaemonSet's rollout status (E1.6): the messages and the done/error outcome of kubectl's
 * DaemonSet status viewer, in its words, with the check kubectl's Deployment viewer makes and its
 * DaemonSet viewer lacks: once the generation is observed, a {@code Progressing} condition of
 * reason {@code ProgressDeadlineExceeded} is an error, worded as kubectl words it for a Deployment
 * ("exceeded its progress deadline"). Pure.
 */
public final class DaemonSetRolloutStatus {
    static final String TIMED_OUT = "ProgressDeadlineExceeded";

    /**
     * @param message what to print (ends with a newline), empty with an error
     * @param done the rollout needs no more waiting (finished, or cannot be followed)
     * @param error kubectl's error text (printed after {@code error: }), or null
     */
    public record Verdict(String message, boolean done, String error) {}

    private DaemonSetRolloutStatus() {}

    public static Verdict of(DaemonSet ds) {
        String name = ds.getMetadata().getName();
        String strategy = ds.getSpec() == null || ds.getSpec().getUpdateStrategy() == null
                ? null
                : ds.getSpec().getUpdateStrategy().getType();
        if (!"RollingUpdate".equals(strategy)) {
            return new Verdict("", true, "rollout status is only available for RollingUpdate strategy type");
        }
        DaemonSetStatus s = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
        long generation = n(ds.getMetadata().getGeneration());
        if (generation > n(s.getObservedGeneration())) {
            return new Verdict("Waiting for daemon set spec update to be observed...\n", false, null);
        }
        if (timedOut(s.getConditions())) {
            return new Verdict("", false, "daemon set \"" + name + "\" exceeded its progress deadline");
        }
        int desired = n(s.getDesiredNumberScheduled());
        if (n(s.getUpdatedNumberScheduled()) < desired) {
            return new Verdict(
                    "Waiting for daemon set \"" + name + "\" rollout to finish: " + n(s.getUpdatedNumberScheduled())
                            + " out of " + desired + " new pods have been updated...\n",
                    false,
                    null);
        }
        if (n(s.getNumberAvailable()) < desired) {
            return new Verdict(
                    "Waiting for daemon set \"" + name + "\" rollout to finish: " + n(s.getNumberAvailable()) + " of "
                            + desired + " updated pods are available...\n",
                    false,
                    null);
        }
        return new Verdict("daemon set \"" + name + "\" successfully rolled out\n", true, null);
    }

    private static boolean timedOut(List<DaemonSetCondition> conditions) {
        return conditions != null
                && conditions.stream()
                        .anyMatch(c -> "Progressing".equals(c.getType()) && TIMED_OUT.equals(c.getReason()));
    }

    private static long n(Long v) {
        return v == null ? 0 : v;
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }
}

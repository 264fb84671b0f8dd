package io.everynode.advisor.rollout;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.List;
import java.util.Optional;

/**
 * One DaemonSet's rollout status (E1.6): the messages and the done/error outcome of kubectl's
 * DaemonSet status viewer, in its words, with the check kubectl's Deployment viewer makes and its
 * DaemonSet viewer lacks: once the generation is observed, a {@code Progressing} condition of
 * reason {@code ProgressDeadlineExceeded} is an error, worded as kubectl words it for a Deployment
 * ("exceeded its progress deadline"). And one kubectl has no words for (E1.7): a rollout whose
 * every node left is held by the partition, update selector or stages ({@code Progressing=Unknown},
 * reason {@code RolloutHeld}) is done as far as it may go, as kubectl's StatefulSet viewer ends a
 * partitioned roll out; it names the held nodes. Pure.
 */
public final class DaemonSetRolloutStatus {
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    static final String HELD = "RolloutHeld";

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
        Optional<DaemonSetCondition> held = progressing(s.getConditions(), HELD);
        if (held.isPresent() && n(s.getUpdatedNumberScheduled()) < desired) {
            return new Verdict(
                    "daemon set \"" + name + "\" rolled out to every node it may update: "
                            + n(s.getUpdatedNumberScheduled()) + " out of " + desired
                            + " new pods have been updated; " + heldNodes(name, held.get()) + "\n",
                    true,
                    null);
        }
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
        return progressing(conditions, TIMED_OUT).isPresent();
    }

    private static Optional<DaemonSetCondition> progressing(List<DaemonSetCondition> conditions, String reason) {
        return conditions == null
                ? Optional.empty()
                : conditions.stream()
                        .filter(c -> "Progressing".equals(c.getType()) && reason.equals(c.getReason()))
                        .findFirst();
    }

    /** The held condition's message without its {@code DaemonSet "NAME" is held: } and final period. */
    private static String heldNodes(String name, DaemonSetCondition c) {
        String m = c.getMessage() == null ? "" : c.getMessage();
        String prefix = "DaemonSet \"" + name + "\" is held: ";
        if (m.startsWith(prefix)) m = m.substring(prefix.length());
        return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
    }

    private static long n(Long v) {
        return v == null ? 0 : v;
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }
}

package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * E1.1–E1.4: the {@code Progressing} condition of a DaemonSet rollout with a progress deadline, as
 * upstream's Deployment controller keeps it (syncRolloutStatus), in DaemonSet words. Pure: given
 * the counters before and after this sync and the condition as stored, it decides the condition to
 * store, the event to record and when to look again. Plain inputs, so the advanced kind can use it
 * unchanged.
 *
 * <ul>
 *   <li>complete (every desired node runs an updated, available pod, generation observed):
 *       {@code True}, {@link #COMPLETE} ("has successfully progressed"), as NewReplicaSetAvailable;
 *   <li>progress (a new generation, more updated pods, or more available pods than the stored
 *       status says): {@code True}, {@link #UPDATED} ("is progressing"), as ReplicaSetUpdated;
 *   <li>no progress for the deadline: {@code False}, {@link #TIMED_OUT}, naming the nodes whose new
 *       pod is not available, with a Warning event of that reason; it stays until progress resumes;
 *   <li>E3.1, paused (with or without a deadline): {@code Unknown}, {@link #PAUSED}, with a Normal
 *       {@link #PAUSED_EVENT} event; the deadline does not run; at resume a Normal
 *       {@link #RESUMED_EVENT} event and the deadline starts over.
 *   <li>E1.7, held (with a deadline, not complete): a stage soaks ({@link #SOAKING}) or every node
 *       not yet updated is held by the partition, the update selector or the stages ({@link
 *       #HELD}): {@code Unknown} with that reason, no event; the deadline does not run, and it
 *       starts over when the hold ends (as at resume). Checked before progress, so the sync whose
 *       last updatable pod turns available already reports the hold.
 * </ul>
 *
 * <p>DaemonSetCondition has no {@code lastUpdateTime} (Deployment's progress clock), so the
 * {@link #UPDATED} condition's {@code lastTransitionTime} is the clock: it is renewed at every
 * progress (E1.2). Times are whole seconds, as the API stores them.
 */
final class RolloutProgress {
    static final String TYPE = "Progressing";
    static final String UPDATED = "DaemonSetUpdated";
    static final String COMPLETE = "NewRevisionAvailable";
    static final String TIMED_OUT = "ProgressDeadlineExceeded";
    /** E3.1: the rollout is paused (Deployment: DeploymentPaused); the deadline does not run. */
    static final String PAUSED = "DaemonSetPaused";
    /** E3.1: the Normal events recorded when the paused condition appears and goes. */
    static final String PAUSED_EVENT = "RolloutPaused";

    static final String RESUMED_EVENT = "RolloutResumed";
    /** E1.7: a stage of a staged rollout completed and soaks before the next starts (E5.3). */
    static final String SOAKING = "StageSoaking";
    /** E1.7: every node not yet updated is held by the partition, update selector or stages (E4.3). */
    static final String HELD = "RolloutHeld";
    /** Added to the exact wait, as {@link MinReadyWake#MARGIN}: the stored time is truncated to the second. */
    static final Duration MARGIN = Duration.ofSeconds(1);
    /** How many lagging nodes the message names before "and N more". */
    static final int NODES_NAMED = 5;

    /** The three counters progress is measured on. */
    record Counters(int desired, int updated, int available) {}

    /**
     * What to store: {@code condition} empty means no Progressing condition (no deadline set);
     * {@code event} a Warning to record; {@code recheck} when the deadline would pass.
     */
    record Outcome(
            Optional<DaemonSetCondition> condition, Optional<SyncPlan.Event> event, Optional<Duration> recheck) {}

    /** E1.7: why the rollout waits by design: {@link #SOAKING} or {@link #HELD}, and the condition's message. */
    record Hold(String reason, String message) {}

    private RolloutProgress() {}

    /**
     * @param name the DaemonSet's name, for messages
     * @param deadlineSeconds E1.1's setting; empty: no condition is kept (unless paused)
     * @param paused E3.1: the rollout is paused: {@code Progressing=Unknown}, reason {@link #PAUSED}
     * @param current the Progressing condition as stored, or null
     * @param before the counters as stored
     * @param after the counters this sync writes
     * @param newGeneration the stored status has not yet observed the object's generation
     * @param observed this sync writes the current generation as observed
     * @param lagging the nodes that should run an updated pod and have no available one (asked
     *     only when the deadline passes)
     * @param hold E1.7: the hold, if any (asked only with a deadline, when the rollout is not complete)
     */
    static Outcome decide(
            String name,
            Optional<Integer> deadlineSeconds,
            boolean paused,
            DaemonSetCondition current,
            Counters before,
            Counters after,
            boolean newGeneration,
            boolean observed,
            Supplier<List<String>> lagging,
            Supplier<Optional<Hold>> hold,
            Instant now) {
        boolean wasPaused = is(current, "Unknown", PAUSED);
        if (paused) {
            if (wasPaused) {
                return only(current);
            }
            String message = "DaemonSet \"" + name + "\" is paused.";
            return new Outcome(
                    Optional.of(condition("Unknown", PAUSED, message, now)),
                    Optional.of(new SyncPlan.Event("Normal", PAUSED_EVENT, message)),
                    Optional.empty());
        }
        Optional<SyncPlan.Event> resumed = wasPaused
                ? Optional.of(new SyncPlan.Event("Normal", RESUMED_EVENT, "DaemonSet \"" + name + "\" is resumed."))
                : Optional.empty();
        if (deadlineSeconds.isEmpty()) {
            return new Outcome(Optional.empty(), resumed, Optional.empty());
        }
        int deadline = deadlineSeconds.get();
        boolean complete = observed && after.updated() == after.desired() && after.available() == after.desired();
        if (complete) {
            if (is(current, "True", COMPLETE)) {
                return only(current);
            }
            return new Outcome(
                    Optional.of(condition(
                            "True", COMPLETE, "DaemonSet \"" + name + "\" has successfully progressed.", now)),
                    resumed,
                    Optional.empty());
        }
        Optional<Hold> held = hold.get();
        if (held.isPresent()) {
            Hold h = held.get();
            if (is(current, "Unknown", h.reason()) && h.message().equals(current.getMessage())) {
                return new Outcome(Optional.of(current), resumed, Optional.empty());
            }
            return new Outcome(
                    Optional.of(condition("Unknown", h.reason(), h.message(), now)), resumed, Optional.empty());
        }
        boolean progressed = current == null
                || wasPaused // E3.1: the deadline starts over at resume, as for a Deployment
                || is(current, "Unknown", SOAKING) // E1.7: and when a soak or a hold ends
                || is(current, "Unknown", HELD)
                || is(current, "True", COMPLETE)
                || newGeneration
                || after.updated() > before.updated()
                || after.available() > before.available();
        if (progressed) {
            DaemonSetCondition c = condition("True", UPDATED, "DaemonSet \"" + name + "\" is progressing.", now);
            return new Outcome(
                    Optional.of(c),
                    resumed,
                    Optional.of(Duration.ofSeconds(deadline).plus(MARGIN)));
        }
        if (is(current, "False", TIMED_OUT)) {
            return only(current);
        }
        Instant last = since(current, now);
        Instant due = last.plusSeconds(deadline);
        if (now.isAfter(due)) {
            String message = "DaemonSet \"" + name + "\" has timed out progressing: no new pod became available in "
                    + deadline + "s" + nodes(lagging.get()) + ".";
            return new Outcome(
                    Optional.of(condition("False", TIMED_OUT, message, now)),
                    Optional.of(new SyncPlan.Event("Warning", TIMED_OUT, message)),
                    Optional.empty());
        }
        return new Outcome(
                Optional.of(current),
                Optional.empty(),
                Optional.of(Duration.between(now, due).plus(MARGIN)));
    }

    private static String nodes(List<String> lagging) {
        if (lagging.isEmpty()) {
            return "";
        }
        String named = String.join(", ", lagging.subList(0, Math.min(NODES_NAMED, lagging.size())));
        int more = lagging.size() - NODES_NAMED;
        return "; new pods not available on " + (lagging.size() == 1 ? "node " : "nodes ") + named
                + (more > 0 ? " and " + more + " more" : "");
    }

    /** The stored progress clock; a missing or unreadable time counts from now (the deadline starts over). */
    private static Instant since(DaemonSetCondition c, Instant now) {
        return PodFacts.instant(c.getLastTransitionTime()).orElse(now);
    }

    private static boolean is(DaemonSetCondition c, String status, String reason) {
        return c != null && status.equals(c.getStatus()) && reason.equals(c.getReason());
    }

    private static Outcome only(DaemonSetCondition c) {
        return new Outcome(Optional.of(c), Optional.empty(), Optional.empty());
    }

    static DaemonSetCondition condition(String status, String reason, String message, Instant now) {
        DaemonSetCondition c = new DaemonSetCondition();
        c.setType(TYPE);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastTransitionTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
        return c;
    }
}

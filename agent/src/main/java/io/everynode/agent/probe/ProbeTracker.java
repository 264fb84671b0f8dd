package io.everynode.agent.probe;

import io.everynode.agent.probe.ProbeResult.Outcome;
import java.time.Instant;

/**
 * The kubelet's probe worker as a pure state machine for one probe of one container instance:
 * when the next attempt is due, and what the attempts add up to. Times come in as arguments.
 *
 * <ul>
 *   <li>The first attempt is due {@code initialDelaySeconds} after the instance started running,
 *       each next one {@code periodSeconds} after the previous attempt began.</li>
 *   <li>The result starts as the kubelet's initial value: readiness Failure (not ready until a
 *       probe says so), liveness Success (alive until shown otherwise), startup Unknown (not
 *       started).</li>
 *   <li>The result flips only after {@code successThreshold} consecutive successes or
 *       {@code failureThreshold} consecutive failures; a different outcome restarts the run.</li>
 *   <li>A liveness or startup probe that reaches Failure, and a startup probe that reaches
 *       Success, is done: no further attempts for this instance (a new instance gets a new
 *       tracker).</li>
 * </ul>
 * Not thread-safe: its owner serialises calls.
 */
final class ProbeTracker {
    private final ProbeKind kind;
    private final ProbeSpec spec;
    private final Instant runningSince;
    private Outcome result;
    private Outcome lastSeen = Outcome.UNKNOWN;
    private int run;
    private Instant lastAttempt;
    private boolean done;

    ProbeTracker(ProbeKind kind, ProbeSpec spec, Instant runningSince) {
        this.kind = kind;
        this.spec = spec;
        this.runningSince = runningSince;
        this.result = switch (kind) {
            case READINESS -> Outcome.FAILURE;
            case LIVENESS -> Outcome.SUCCESS;
            case STARTUP -> Outcome.UNKNOWN;
        };
    }

    ProbeKind kind() {
        return kind;
    }

    ProbeSpec spec() {
        return spec;
    }

    /** The current result (the initial value until a threshold is reached). */
    Outcome result() {
        return result;
    }

    /** True once this probe needs no further attempts for this instance. */
    boolean done() {
        return done;
    }

    /** When the next attempt is due. */
    Instant dueAt() {
        return lastAttempt == null ? runningSince.plus(spec.initialDelay()) : lastAttempt.plus(spec.period());
    }

    boolean due(Instant now) {
        return !done && !now.isBefore(dueAt());
    }

    /** Notes that an attempt began at {@code now}. */
    void attempted(Instant now) {
        lastAttempt = now;
    }

    /**
     * Counts an attempt's outcome; answers true when the result changed. UNKNOWN outcomes (a
     * probe that could not run) are not counted, as the kubelet throws away errored attempts.
     */
    boolean record(Outcome outcome) {
        if (done || outcome == Outcome.UNKNOWN) return false;
        if (outcome == lastSeen) {
            run++;
        } else {
            lastSeen = outcome;
            run = 1;
        }
        int threshold = outcome == Outcome.SUCCESS ? spec.successThreshold() : spec.failureThreshold();
        if (run < threshold || outcome == result) return false;
        result = outcome;
        if (kind == ProbeKind.STARTUP && outcome == Outcome.SUCCESS) done = true;
        if (kind != ProbeKind.READINESS && outcome == Outcome.FAILURE) done = true;
        return true;
    }
}

package io.everynode.agent.container;

import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.SourcedEnv;
import io.everynode.agent.crilog.LogPump;
import io.everynode.agent.process.StartRetry;
import io.fabric8.kubernetes.api.model.Container;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One container of a pod as the runc runtime holds it: its current instance (waiting, running or
 * terminated, and how), the one before it, and what is needed to start the next. Guarded by the
 * runtime's lock.
 */
final class RuncSlot {
    final String name;
    final StartRetry retry;
    Container spec;
    SourcedEnv sourced = SourcedEnv.NONE;
    int instance;
    RuntimeContainer.State state = RuntimeContainer.State.WAITING;
    /** runc's ID of the current instance; the status shows {@code runc://<runcId>}. */
    String runcId;

    String image;
    String imageID = "";
    String reason;
    String message;
    Instant startedAt;
    Instant finishedAt;
    Integer exitCode;
    long wrapperPid;
    long memoryLimit;
    RuntimeContainer.Terminated last;
    /** When the stopping instance gets SIGKILL; null while nobody asked it to stop. */
    Instant killAt;
    /** The runtime asked the instance to stop (a SIGKILL then is no OOM kill). */
    boolean stopRequested;
    /** An image is being prepared for it outside the lock. */
    boolean preparing;
    /** Copies the current instance's output into its log; null when none runs for it. */
    LogPump pump;
    /** When the runtime first saw the running instance's exit status (it counts as ended once its output is in). */
    Instant exitSeenAt;

    RuncSlot(String name, Clock clock, Duration retryInitial, Duration retryMax) {
        this.name = name;
        this.retry = new StartRetry(clock, retryInitial, retryMax);
    }

    /** Stops the instance's pump, if any (what it has not read stays in the pipes for a later one). */
    void closePump() {
        if (pump != null) pump.close();
        pump = null;
    }

    boolean running() {
        return state == RuntimeContainer.State.RUNNING;
    }

    String id() {
        return runcId == null ? null : RuncRuntime.NAME + "://" + runcId;
    }

    void waitToRetry(String why, String text, Instant now) {
        state = RuntimeContainer.State.WAITING;
        reason = why;
        message = text;
        runcId = null;
        startedAt = null;
        finishedAt = null;
        exitCode = null;
        retry.failed(now);
    }

    void end(int code, String why, Instant at, String text) {
        state = RuntimeContainer.State.TERMINATED;
        exitSeenAt = null;
        exitCode = code;
        reason = why;
        finishedAt = at;
        message = text;
        killAt = null;
    }

    RuntimeContainer view() {
        return new RuntimeContainer(
                name, id(), image, imageID, state, running(), startedAt, finishedAt, exitCode, reason, last, message);
    }

    RuntimeContainer.Terminated terminated() {
        return new RuntimeContainer.Terminated(id(), startedAt, finishedAt, exitCode == null ? 0 : exitCode, reason);
    }
}

package io.everynode.agent.process;

import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.SourcedEnv;
import io.fabric8.kubernetes.api.model.Container;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One container of a pod as the runtime holds it: its current instance (waiting, running or
 * terminated, and how), the one before it, and what is needed to start the next. Not
 * thread-safe: guarded by the runtime's lock.
 */
final class ContainerSlot {
    final String name;
    final StartRetry retry;
    Container spec;
    /** The variables from ConfigMaps and Secrets the agent resolved for the current instance. */
    SourcedEnv sourced = SourcedEnv.NONE;

    int instance;
    RuntimeContainer.State state = RuntimeContainer.State.WAITING;
    String id;
    String image;
    String imageID = "";
    String reason;
    String message;
    Instant startedAt;
    Instant finishedAt;
    Integer exitCode;
    long pid;
    long ticks;
    long oomBase;
    boolean mounted;
    boolean isolated;
    RuntimeContainer.Terminated last;
    /** When the stopping instance is SIGKILLed; null while nobody asked it to stop. */
    Instant killAt;
    /** Copies the current instance's output into its log; null when none runs for it. */
    io.everynode.agent.crilog.LogPump pump;
    /** When the runtime first saw the running instance's ending (it counts as ended once its output is in). */
    Instant endSeenAt;

    ContainerSlot(String name, Clock clock, Duration retryInitial, Duration retryMax) {
        this.name = name;
        this.retry = new StartRetry(clock, retryInitial, retryMax);
    }

    Path dir(Path root, String uid) {
        return InstanceFiles.instanceDir(root, uid, name, instance);
    }

    boolean running() {
        return state == RuntimeContainer.State.RUNNING;
    }

    /** The instance {@code st} runs (just started, or adopted from its state file). */
    void run(InstanceState st) {
        id = st.id();
        image = st.image();
        imageID = st.imageID();
        startedAt = st.startedAt();
        pid = st.pid();
        ticks = st.ticks();
        oomBase = st.oomBase();
        mounted = st.mounted();
        isolated = st.isolated();
        state = RuntimeContainer.State.RUNNING;
        finishedAt = null;
        exitCode = null;
        reason = null;
    }

    /** Stops the instance's pump, if any (what it has not read stays in the pipes for a later one). */
    void closePump() {
        if (pump != null) pump.close();
        pump = null;
    }

    /** The instance has ended as {@code end} says. */
    void end(ProcessWatcher.Ending end) {
        state = RuntimeContainer.State.TERMINATED;
        endSeenAt = null;
        if (pump != null && pump.finished()) pump = null;
        exitCode = end.exitCode();
        reason = end.reason();
        finishedAt = end.finishedAt();
        killAt = null;
    }

    /** Cannot start yet: waits with {@code reason} and is tried again when {@link #retry} says. */
    void waitToRetry(String why, String text, Instant now) {
        state = RuntimeContainer.State.WAITING;
        reason = why;
        message = text;
        id = null;
        startedAt = null;
        finishedAt = null;
        exitCode = null;
        retry.failed(now);
    }

    /** The instance could not be started (the kubelet's StartError): terminated at once with {@code code}. */
    void failToStart(int code, String why, String text, Instant now) {
        state = RuntimeContainer.State.TERMINATED;
        startedAt = now;
        finishedAt = now;
        exitCode = code;
        reason = why;
        message = text;
        pid = 0;
    }

    RuntimeContainer view() {
        return new RuntimeContainer(
                name, id, image, imageID, state, running(), startedAt, finishedAt, exitCode, reason, last, message);
    }

    /** This instance as the previous one of the next. */
    RuntimeContainer.Terminated terminated() {
        return new RuntimeContainer.Terminated(id, startedAt, finishedAt, exitCode == null ? 0 : exitCode, reason);
    }
}

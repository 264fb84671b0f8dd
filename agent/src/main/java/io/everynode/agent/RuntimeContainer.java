package io.everynode.agent;

import java.time.Instant;

/**
 * The current instance of one container, as the runtime sees it.
 *
 * @param id the container ID as the pod status shows it, e.g. {@code simulated://3f2a…}
 * @param ready the runtime's own readiness view: the simulated runtime's ready stage; a runtime
 *     with real probes answers true once running and leaves readiness to the agent's probes
 * @param startedAt when it started running (null while waiting)
 * @param finishedAt, exitCode, reason set once terminated
 * @param last the previous instance's termination, or null
 * @param message why it waits or how it ended, in words (e.g. which image was not found); null when there is nothing to say
 */
public record RuntimeContainer(
        String name,
        String id,
        String image,
        String imageID,
        State state,
        boolean ready,
        Instant startedAt,
        Instant finishedAt,
        Integer exitCode,
        String reason,
        Terminated last,
        String message) {
    public enum State {
        WAITING,
        RUNNING,
        TERMINATED
    }

    /** Without a message. */
    public RuntimeContainer(
            String name,
            String id,
            String image,
            String imageID,
            State state,
            boolean ready,
            Instant startedAt,
            Instant finishedAt,
            Integer exitCode,
            String reason,
            Terminated last) {
        this(name, id, image, imageID, state, ready, startedAt, finishedAt, exitCode, reason, last, null);
    }

    /** How an instance ended. */
    public record Terminated(String id, Instant startedAt, Instant finishedAt, int exitCode, String reason) {}

    public Terminated asTerminated() {
        return new Terminated(id, startedAt, finishedAt, exitCode == null ? 0 : exitCode, reason);
    }
}

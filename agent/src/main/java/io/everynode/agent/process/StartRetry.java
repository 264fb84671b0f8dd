package io.everynode.agent.process;

import io.everynode.client.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a container that cannot start yet is tried again: its image is not in the node's image
 * directory, a volume or its securityContext cannot be set up. The first retry comes after
 * {@code initial}, each later one after twice the delay before, up to {@code max} (the kubelet's
 * image-pull back-off: 10 s doubling to 5 min), counted by the project's one {@link Backoff}.
 * Times are on the runtime's clock. Not thread-safe: one per container, guarded by the runtime's lock.
 */
public final class StartRetry {
    private static final Boolean KEY = Boolean.TRUE;
    /** One key: this container. Never reset by idleness, only by {@link #reset} (a new start). */
    private final Backoff<Boolean> backoff;

    private Instant at;

    public StartRetry(Clock clock, Duration initial, Duration max) {
        this.backoff = new Backoff<>(clock, initial, max, 2.0, Backoff.NEVER);
    }

    /** True before the first failed try since {@link #reset}: the kubelet says ErrImagePull then, ImagePullBackOff after. */
    public boolean firstTry() {
        return backoff.failures(KEY) == 0;
    }

    /** A new start was asked for: the back-off starts over. */
    public void reset() {
        backoff.reset(KEY);
    }

    /** A try failed at {@code now}: the next one is due after the current delay, which then doubles. */
    public void failed(Instant now) {
        at = now.plus(backoff.next(KEY));
    }

    /** A try got as far as starting a process: nothing is due. */
    public void started() {
        at = null;
    }

    /** Whether a retry is due at {@code now}. */
    public boolean due(Instant now) {
        return at != null && !now.isBefore(at);
    }
}

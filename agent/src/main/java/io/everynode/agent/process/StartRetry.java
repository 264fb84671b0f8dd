package io.everynode.agent.process;

import java.time.Duration;
import java.time.Instant;

/**
 * When a container that cannot start yet is tried again: its image is not in the node's image
 * directory, a volume or its securityContext cannot be set up. The first retry comes after
 * {@code initial}, each later one after twice the delay before, up to {@code max} (the kubelet's
 * image-pull back-off: 10 s doubling to 5 min). Times are on the runtime's clock. Not
 * thread-safe: one per container, guarded by the runtime's lock.
 */
final class StartRetry {
    private final Duration initial;
    private final Duration max;
    private int tries;
    private Instant at;

    StartRetry(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** True before the first failed try since {@link #reset}: the kubelet says ErrImagePull then, ImagePullBackOff after. */
    boolean firstTry() {
        return tries == 0;
    }

    /** A new start was asked for: the back-off starts over. */
    void reset() {
        tries = 0;
    }

    /** A try failed at {@code now}: the next one is due after the current delay, which then doubles. */
    void failed(Instant now) {
        Duration d = initial.multipliedBy(1L << Math.min(tries, 10));
        if (d.compareTo(max) > 0) d = max;
        tries++;
        at = now.plus(d);
    }

    /** A try got as far as starting a process: nothing is due. */
    void started() {
        at = null;
    }

    /** Whether a retry is due at {@code now}. */
    boolean due(Instant now) {
        return at != null && !now.isBefore(at);
    }
}

package io.everynode.controllers.daemonset;

import java.time.Duration;
import java.util.Optional;

/**
 * Outcome of one {@link DaemonSetController#sync}: when to look at the key again regardless of
 * events (failed-pod back-off R2.7, minReadySeconds R2.11), and the error that should make the
 * work queue requeue it with rate limiting (R2.1 step 7).
 */
public record SyncResult(Optional<Duration> requeueAfter, Optional<Exception> error) {
    public static SyncResult done() {
        return new SyncResult(Optional.empty(), Optional.empty());
    }

    public boolean failed() {
        return error.isPresent();
    }
}

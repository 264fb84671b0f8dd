package io.everynode.store;

import java.time.Clock;
import java.time.Duration;

/**
 * The compaction policy: forget history older than BOTH bounds, so at least the last
 * {@code window} of time and the last {@code revisions} revisions stay readable (Store contract).
 */
record Retention(Duration window, long revisions, Clock clock) {

    /** Commit time before which history may go, in epoch millis. */
    long cutoffMillis() {
        return clock.instant().minus(window).toEpochMilli();
    }

    /**
     * The new compact revision.
     *
     * @param current the latest revision
     * @param lastBeforeCutoff the highest revision committed at or before {@link #cutoffMillis()}, or 0
     * @param previous the compact revision so far; it never goes backwards
     */
    long target(long current, long lastBeforeCutoff, long previous) {
        long byCount = current - revisions;
        return Math.max(previous, Math.max(0, Math.min(byCount, lastBeforeCutoff)));
    }
}

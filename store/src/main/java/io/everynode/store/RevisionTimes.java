package io.everynode.store;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * When revisions were committed, as far as one client saw: for a store whose log keeps no commit
 * times (etcd), the time half of the {@link Retention} policy.
 *
 * <p>A sample (t, r) says "revision r existed at time t", so it was committed at or before t;
 * answering {@link #lastCommittedBy} from samples can only under-estimate, which keeps more
 * history, never less. Samples are kept per whole second, rounded up (still "at or before"), so
 * five minutes hold at most 300 of them.
 */
final class RevisionTimes {
    private final Clock clock;
    private final ConcurrentNavigableMap<Long, Long> maxRevisionBySecond = new ConcurrentSkipListMap<>();

    RevisionTimes(Clock clock) {
        this.clock = clock;
    }

    /** Records that {@code revision} exists now. */
    void observed(long revision) {
        long millis = clock.millis();
        long roundedUp = Math.floorDiv(millis + 999, 1000) * 1000;
        maxRevisionBySecond.merge(roundedUp, revision, Math::max);
    }

    /**
     * The highest revision known to be committed at or before {@code cutoffMillis}, or 0; forgets
     * the samples older than the one it answers with, which later cutoffs no longer need.
     */
    long lastCommittedBy(long cutoffMillis) {
        ConcurrentNavigableMap<Long, Long> before = maxRevisionBySecond.headMap(cutoffMillis, true);
        long best = 0;
        for (long revision : before.values()) {
            best = Math.max(best, revision);
        }
        Map.Entry<Long, Long> last = before.lastEntry();
        if (last != null) {
            before.headMap(last.getKey(), false).clear();
            maxRevisionBySecond.merge(last.getKey(), best, Math::max);
        }
        return best;
    }
}

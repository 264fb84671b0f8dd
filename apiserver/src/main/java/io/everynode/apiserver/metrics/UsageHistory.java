package io.everynode.apiserver.metrics;

import io.everynode.api.metrics.UsageReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last two readings of every node, in this server's memory (as metrics-server keeps its
 * last two scrapes): rates need two. A reading no newer than the node's latest is ignored (a
 * retried or reordered send). A node whose latest reading arrived more than {@link #staleAfter}
 * ago on the injected clock (three of its windows, at least {@link #MIN_STALE}) has no figures:
 * a node that stopped reporting drops out as metrics-server drops a node it cannot scrape.
 * Thread-safe.
 */
final class UsageHistory {
    static final Duration MIN_STALE = Duration.ofMinutes(1);

    /** Two consecutive readings of a node and when the later arrived. */
    record Window(UsageReport earlier, UsageReport later, Instant receivedAt) {}

    private record Entry(UsageReport earlier, UsageReport later, Instant receivedAt) {}

    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> nodes = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicReference<Instant> lastSweep;

    UsageHistory(Clock clock) {
        this.clock = clock;
        this.lastSweep = new java.util.concurrent.atomic.AtomicReference<>(clock.instant());
    }

    void record(UsageReport report) {
        Instant now = clock.instant();
        nodes.compute(report.node(), (name, e) -> {
            if (e == null) return new Entry(null, report, now);
            if (!report.timestamp().isAfter(e.later().timestamp())) return e;
            return new Entry(e.later(), report, now);
        });
        sweep(now);
    }

    /** The node's last two readings, or empty when it has fewer or they are stale. */
    Optional<Window> window(String node) {
        Entry e = nodes.get(node);
        if (e == null || e.earlier() == null) return Optional.empty();
        if (Duration.between(e.receivedAt(), clock.instant()).compareTo(staleAfter(e)) > 0) return Optional.empty();
        return Optional.of(new Window(e.earlier(), e.later(), e.receivedAt()));
    }

    /** Forgets nodes silent for ten minutes (at most one sweep a minute), so a fleet that shrank does not keep its readings. */
    private void sweep(Instant now) {
        Instant last = lastSweep.get();
        if (Duration.between(last, now).compareTo(MIN_STALE) < 0 || !lastSweep.compareAndSet(last, now)) return;
        nodes.values().removeIf(e -> Duration.between(e.receivedAt(), now).compareTo(MIN_STALE.multipliedBy(10)) > 0);
    }

    private static Duration staleAfter(Entry e) {
        Duration three =
                Duration.between(e.earlier().timestamp(), e.later().timestamp()).multipliedBy(3);
        return three.compareTo(MIN_STALE) > 0 ? three : MIN_STALE;
    }
}

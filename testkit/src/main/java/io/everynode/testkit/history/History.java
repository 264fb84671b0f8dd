package io.everynode.testkit.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The record of one test run: every write, every list and every watcher's records, each list in
 * the order it was appended. Thread-safe: recorders on many threads append; the checker reads
 * copies after they stopped.
 */
public final class History {
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong ids = new AtomicLong();
    private final List<Operation> operations = new ArrayList<>();
    private final List<ListSnapshot> lists = new ArrayList<>();
    private final Map<String, List<WatchRecord>> watches = new LinkedHashMap<>();

    /** The next position in real time: a record whose start is after another's end happened after it. */
    public long nextSeq() {
        return seq.incrementAndGet();
    }

    /** A fresh id for an operation or a list. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    public synchronized void add(Operation op) {
        operations.add(op);
    }

    /** A client's list; a watcher's lists come in through {@link #add(WatchRecord)}. */
    public synchronized void add(ListSnapshot list) {
        lists.add(list);
    }

    public synchronized void add(WatchRecord record) {
        watches.computeIfAbsent(record.watcher(), w -> new ArrayList<>()).add(record);
        if (record instanceof WatchRecord.Listed l) lists.add(l.list());
    }

    public synchronized List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** Every list, the clients' and the watchers'. */
    public synchronized List<ListSnapshot> lists() {
        return List.copyOf(lists);
    }

    /** Each watcher's records, in the order it saw them. */
    public synchronized Map<String, List<WatchRecord>> watches() {
        Map<String, List<WatchRecord>> copy = new LinkedHashMap<>();
        watches.forEach((w, records) -> copy.put(w, List.copyOf(records)));
        return copy;
    }

    /** Counts for a test's log line: how much was recorded. */
    public synchronized String summary() {
        long acked = operations.stream()
                .filter(o -> o.outcome() instanceof Outcome.Acknowledged)
                .count();
        long unknown = operations.stream()
                .filter(o -> o.outcome() instanceof Outcome.Unknown)
                .count();
        long events = watches.values().stream()
                .flatMap(List::stream)
                .filter(r -> r instanceof WatchRecord.Event)
                .count();
        return operations.size() + " writes (" + acked + " acknowledged, " + unknown + " unknown), " + lists.size()
                + " lists, " + watches.size() + " watchers with " + events + " events";
    }
}

package io.everynode.testkit.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

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
    }

    public synchronized List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** Every list, the clients' and the watchers'. */
    public synchronized List<ListSnapshot> lists() {
        List<ListSnapshot> all = new ArrayList<>(lists);
        for (List<WatchRecord> records : watches.values()) {
            for (WatchRecord r : records) if (r instanceof WatchRecord.Listed l) all.add(l.list());
        }
        return all;
    }

    /**
     * A copy with every object recorded (sent, answered, listed, watched) passed through
     * {@code rewrite}: what the same run looks like against another spec, e.g. a tighter rollout
     * budget, to show a test's history would break a rule it keeps.
     */
    public synchronized History rewritten(UnaryOperator<JsonNode> rewrite) {
        History copy = new History();
        copy.seq.set(seq.get());
        copy.ids.set(ids.get());
        for (Operation op : operations) {
            Outcome outcome = op.outcome() instanceof Outcome.Acknowledged a
                    ? new Outcome.Acknowledged(
                            a.revision(), rewrite.apply(a.object().deepCopy()))
                    : op.outcome();
            JsonNode sent = op.sent() == null ? null : rewrite.apply(op.sent().deepCopy());
            copy.operations.add(new Operation(
                    op.id(), op.client(), op.verb(), op.key(), sent, op.startSeq(), op.endSeq(), outcome));
        }
        for (ListSnapshot l : lists) copy.lists.add(rewritten(l, rewrite));
        watches.forEach((watcher, records) -> {
            List<WatchRecord> out = copy.watches.computeIfAbsent(watcher, w -> new ArrayList<>());
            for (WatchRecord r : records) {
                if (r instanceof WatchRecord.Listed l)
                    out.add(new WatchRecord.Listed(watcher, rewritten(l.list(), rewrite)));
                else if (r instanceof WatchRecord.Event e)
                    out.add(new WatchRecord.Event(
                            watcher,
                            e.seq(),
                            e.type(),
                            e.key(),
                            e.revision(),
                            rewrite.apply(e.object().deepCopy())));
                else out.add(r);
            }
        });
        return copy;
    }

    private static ListSnapshot rewritten(ListSnapshot l, UnaryOperator<JsonNode> rewrite) {
        Map<String, ListSnapshot.Item> items = new LinkedHashMap<>();
        l.items()
                .forEach((key, item) -> items.put(
                        key,
                        new ListSnapshot.Item(
                                item.modRevision(), rewrite.apply(item.object().deepCopy()))));
        return new ListSnapshot(l.id(), l.client(), l.scope(), l.revision(), l.startSeq(), l.endSeq(), items);
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
        return operations.size() + " writes (" + acked + " acknowledged, " + unknown + " unknown), " + lists().size()
                + " lists, " + watches.size() + " watchers with " + events + " events";
    }
}

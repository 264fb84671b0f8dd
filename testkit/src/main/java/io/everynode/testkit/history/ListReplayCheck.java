package io.everynode.testkit.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rule 3: a list at revision R equals the history replayed up to R. The history replayed is a
 * watcher's: its list, then its events, as long as it had delivered R (an event or bookmark at R
 * or later) and no 410 came between. Replayed and listed must hold the same keys at the same
 * revisions with the same content.
 */
final class ListReplayCheck {
    /** At most this many differing keys are named per list and watcher; the rest are counted. */
    private static final int NAMED = 3;

    private final History history;

    ListReplayCheck(History history) {
        this.history = history;
    }

    /** A watcher's stretch from one list to the next 410 (or its end). */
    private record Segment(String watcher, ListSnapshot base, List<WatchRecord.Event> events, long reached) {}

    List<Violation> check() {
        List<Segment> segments = new ArrayList<>();
        history.watches().forEach((watcher, records) -> segments.addAll(segments(watcher, records)));
        List<Violation> out = new ArrayList<>();
        for (ListSnapshot list : history.lists()) {
            for (Segment s : segments) {
                if (s.base() == list
                        || !list.scope().startsWith(s.base().scope())
                        || list.revision() < s.base().revision()
                        || list.revision() > s.reached()) continue;
                compare(list, s, out);
            }
        }
        return out;
    }

    private static List<Segment> segments(String watcher, List<WatchRecord> records) {
        List<Segment> out = new ArrayList<>();
        ListSnapshot base = null;
        List<WatchRecord.Event> events = new ArrayList<>();
        long reached = 0;
        for (WatchRecord r : records) {
            if (r instanceof WatchRecord.Listed l) {
                if (base != null) out.add(new Segment(watcher, base, events, reached));
                base = l.list();
                events = new ArrayList<>();
                reached = base.revision();
            } else if (r instanceof WatchRecord.Expired) {
                if (base != null) out.add(new Segment(watcher, base, events, reached));
                base = null;
            } else if (r instanceof WatchRecord.Event e && base != null) {
                events.add(e);
                reached = Math.max(reached, e.revision());
            } else if (r instanceof WatchRecord.Bookmark b && base != null) {
                reached = Math.max(reached, b.revision());
            }
        }
        if (base != null) out.add(new Segment(watcher, base, events, reached));
        return out;
    }

    private static void compare(ListSnapshot list, Segment s, List<Violation> out) {
        Map<String, ListSnapshot.Item> replayed = new HashMap<>();
        s.base().items().forEach((key, item) -> {
            if (list.covers(key)) replayed.put(key, item);
        });
        for (WatchRecord.Event e : s.events()) {
            if (e.revision() > list.revision() || !list.covers(e.key())) continue;
            if (e.type() == WatchRecord.Type.DELETED) replayed.remove(e.key());
            else replayed.put(e.key(), new ListSnapshot.Item(e.revision(), e.object()));
        }
        List<String> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(replayed.keySet());
        keys.addAll(list.items().keySet());
        for (String key : keys) {
            ListSnapshot.Item want = replayed.get(key);
            ListSnapshot.Item got = list.items().get(key);
            if (want == null) differences.add(key + " listed at revision " + got.modRevision() + " but not replayed");
            else if (got == null)
                differences.add(key + " replayed at revision " + want.modRevision() + " but not listed");
            else if (want.modRevision() != got.modRevision())
                differences.add(
                        key + " listed at revision " + got.modRevision() + ", replayed at " + want.modRevision());
            else if (!ObjectValues.same(want.object(), got.object()))
                differences.add(key + " at revision " + got.modRevision() + " listed with other content than watched");
        }
        if (differences.isEmpty()) return;
        String named = String.join("; ", differences.subList(0, Math.min(NAMED, differences.size())));
        String more = differences.size() > NAMED ? " (and " + (differences.size() - NAMED) + " more)" : "";
        out.add(new Violation(
                Violation.Rule.LIST_REPLAY,
                list.describe() + " differs from " + s.watcher() + "'s history from "
                        + s.base().describe() + " replayed to revision " + list.revision() + ": " + named + more));
    }
}

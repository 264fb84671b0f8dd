package io.everynode.testkit.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rule 2: each watcher's events come in revision order, none twice, none left out, from its list
 * on (or from the list after a 410). "Left out" is judged against every write the history knows
 * under the watcher's scope: acknowledged writes, other watchers' events and list items.
 */
final class WatchOrderCheck {
    private final History history;
    private final KnownRevisions known;

    WatchOrderCheck(History history, KnownRevisions known) {
        this.history = history;
        this.known = known;
    }

    List<Violation> check() {
        List<Violation> out = new ArrayList<>();
        history.watches().forEach((watcher, records) -> check(watcher, records, out));
        return out;
    }

    private void check(String watcher, List<WatchRecord> records, List<Violation> out) {
        Long position = null; // the revision up to which the watcher has everything; null after a 410
        String scope = "";
        for (WatchRecord r : records) {
            if (r instanceof WatchRecord.Listed l) {
                position = l.list().revision();
                scope = l.list().scope();
            } else if (r instanceof WatchRecord.Opened o) {
                if (position == null) position = o.fromRevision();
            } else if (r instanceof WatchRecord.Expired) {
                position = null;
            } else if (r instanceof WatchRecord.Bookmark b) {
                if (position != null && b.revision() < position)
                    out.add(violation(
                            watcher + " bookmark at revision " + b.revision() + " goes back from " + position));
                else if (position != null)
                    gap(watcher, scope, position, b.revision() + 1, "bookmark at revision " + b.revision(), out);
                if (position == null || b.revision() > position) position = b.revision();
            } else if (r instanceof WatchRecord.Event e) {
                if (position != null) {
                    if (e.revision() == position)
                        out.add(violation(
                                e.describe() + " is a duplicate: revision " + position + " was delivered already"));
                    else if (e.revision() < position)
                        out.add(violation(
                                e.describe() + " is out of order: revision " + position + " was delivered before it"));
                    else gap(watcher, scope, position, e.revision(), e.describe(), out);
                }
                if (position == null || e.revision() > position) position = e.revision();
            }
        }
    }

    /** Known writes under {@code scope} strictly between {@code from} and {@code to} that were not delivered. */
    private void gap(String watcher, String scope, long from, long to, String what, List<Violation> out) {
        List<KnownRevisions.Fact> missed = new ArrayList<>();
        for (Map.Entry<Long, KnownRevisions.Fact> f :
                known.all().subMap(from, false, to, false).entrySet()) {
            if (f.getValue().key().startsWith(scope)) missed.add(f.getValue());
        }
        if (missed.isEmpty()) return;
        KnownRevisions.Fact first = missed.get(0);
        out.add(violation(watcher + ": " + what + " follows revision " + from + ", but " + missed.size()
                + " known write(s) in between were not delivered, first revision " + first.revision() + " ("
                + first.source() + ")"));
    }

    private static Violation violation(String message) {
        return new Violation(Violation.Rule.WATCH_ORDER, message);
    }
}

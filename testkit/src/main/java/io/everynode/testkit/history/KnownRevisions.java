package io.everynode.testkit.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * The union of everything the history knows happened at a revision: acknowledged writes, every
 * watcher's events and every list's items (an item is the write at its modification revision).
 * One revision is one write, so facts about it from different sources must agree; where they do
 * not, that is a violation, reported while the union is built.
 */
final class KnownRevisions {

    /** A write at {@code revision}: {@code key} put to {@code object}, or deleted. */
    record Fact(long revision, String key, boolean deleted, JsonNode object, String source, boolean acknowledged) {}

    private final NavigableMap<Long, Fact> byRevision = new TreeMap<>();
    private final Map<String, NavigableMap<Long, Fact>> byKey = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();

    KnownRevisions(History history) {
        for (Operation op : history.operations()) {
            if (op.outcome() instanceof Outcome.Acknowledged ack && ack.revision() > 0) {
                boolean deleted = op.verb() == Operation.Verb.DELETE
                        && !ack.object().path("metadata").has("deletionTimestamp");
                add(new Fact(ack.revision(), op.key(), deleted, ack.object(), op.describe(), true));
            }
        }
        for (List<WatchRecord> records : history.watches().values()) {
            for (WatchRecord r : records) {
                if (r instanceof WatchRecord.Event e)
                    add(new Fact(
                            e.revision(),
                            e.key(),
                            e.type() == WatchRecord.Type.DELETED,
                            e.object(),
                            e.describe(),
                            false));
            }
        }
        for (ListSnapshot list : history.lists()) {
            list.items()
                    .forEach((key, item) -> add(new Fact(
                            item.modRevision(), key, false, item.object(), list.describe() + " item " + key, false)));
        }
    }

    private void add(Fact fact) {
        Fact known = byRevision.putIfAbsent(fact.revision(), fact);
        if (known == null) {
            byKey.computeIfAbsent(fact.key(), k -> new TreeMap<>()).put(fact.revision(), fact);
            return;
        }
        String problem = null;
        if (!known.key().equals(fact.key())) problem = "is a write of " + known.key() + " in ";
        else if (known.deleted() != fact.deleted())
            problem = (known.deleted() ? "is a deletion" : "is no deletion") + " in ";
        else if (!known.deleted() && !ObjectValues.same(known.object(), fact.object()))
            problem = "has other content in ";
        if (problem == null) return;
        Violation.Rule rule = known.acknowledged() || fact.acknowledged()
                ? Violation.Rule.ACKNOWLEDGED_WRITES
                : Violation.Rule.LIST_REPLAY;
        violations.add(new Violation(
                rule, "revision " + fact.revision() + " in " + fact.source() + " " + problem + known.source()));
    }

    List<Violation> violations() {
        return violations;
    }

    /** The facts about {@code key}, by revision. */
    NavigableMap<Long, Fact> of(String key) {
        return byKey.getOrDefault(key, new TreeMap<>());
    }

    /** Every fact, by revision. */
    NavigableMap<Long, Fact> all() {
        return byRevision;
    }
}

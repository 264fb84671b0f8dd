package io.everynode.testkit.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rule 1: every acknowledged write that was not superseded is in every list at or after its
 * revision, unchanged; a write whose outcome is unknown happened wholly or not at all. With
 * {@code clientsOwnTheirKeys}, the keys the clients write are theirs alone, so every revision
 * of them seen anywhere must be one of their writes: acknowledged at that revision, or an
 * unknown-outcome write whose whole body it holds.
 */
final class AcknowledgedWritesCheck {
    private final History history;
    private final KnownRevisions known;
    private final boolean clientsOwnTheirKeys;

    AcknowledgedWritesCheck(History history, KnownRevisions known, boolean clientsOwnTheirKeys) {
        this.history = history;
        this.known = known;
        this.clientsOwnTheirKeys = clientsOwnTheirKeys;
    }

    List<Violation> check() {
        List<Violation> out = new ArrayList<>();
        List<Operation> ops = history.operations();
        for (Operation op : ops) {
            if (!(op.outcome() instanceof Outcome.Acknowledged ack)) continue;
            if (ack.revision() <= 0) {
                deleteWithoutRevision(op, ops, out);
                continue;
            }
            KnownRevisions.Fact fact = known.all().get(ack.revision());
            boolean deleted = fact != null && fact.key().equals(op.key()) && fact.deleted();
            for (ListSnapshot list : history.lists()) {
                if (list.revision() < ack.revision() || !list.covers(op.key())) continue;
                if (!known.of(op.key())
                        .subMap(ack.revision(), false, list.revision(), true)
                        .isEmpty()) continue; // superseded by a later write the history knows
                String problem = deleted ? afterDelete(op, list, ops) : afterPut(op, ack, list, ops);
                if (problem != null) out.add(new Violation(Violation.Rule.ACKNOWLEDGED_WRITES, problem));
            }
        }
        if (clientsOwnTheirKeys) out.addAll(unexplainedRevisions(ops));
        return out;
    }

    /**
     * A delete acknowledged with a Status, so at no known revision: it happened before its answer,
     * so every list taken after that lacks the key, unless a write of it started after the answer.
     */
    private void deleteWithoutRevision(Operation op, List<Operation> ops, List<Violation> out) {
        for (ListSnapshot list : history.lists()) {
            ListSnapshot.Item item = list.items().get(op.key());
            if (item == null || list.startSeq() < op.endSeq()) continue;
            boolean rewritten = ops.stream()
                    .anyMatch(w -> w.key().equals(op.key())
                            && w.verb() != Operation.Verb.DELETE
                            && w.mayHaveHappened()
                            && w.startSeq() > op.endSeq()
                            && w.startSeq() < list.endSeq());
            if (!rewritten)
                out.add(new Violation(
                        Violation.Rule.ACKNOWLEDGED_WRITES,
                        op.describe() + ": " + list.describe() + ", taken after it, still shows " + op.key()
                                + " at revision " + item.modRevision()));
        }
    }

    private String afterPut(Operation op, Outcome.Acknowledged ack, ListSnapshot list, List<Operation> ops) {
        ListSnapshot.Item item = list.items().get(op.key());
        if (item == null) {
            if (unknownCandidates(op, list, ops).anyMatch(u -> u.verb() == Operation.Verb.DELETE)) return null;
            return op.describe() + " is missing from " + list.describe();
        }
        if (item.modRevision() == ack.revision()) {
            if (ObjectValues.same(item.object(), ack.object())) return null;
            return op.describe() + " changed: " + list.describe() + " shows " + item.object() + ", acknowledged was "
                    + ack.object();
        }
        if (item.modRevision() > ack.revision() && explainedByUnknown(op, list, ops, item)) return null;
        return op.describe() + ": " + list.describe() + " shows " + op.key() + " at revision " + item.modRevision()
                + ", expected the acknowledged revision " + ack.revision();
    }

    private String afterDelete(Operation op, ListSnapshot list, List<Operation> ops) {
        ListSnapshot.Item item = list.items().get(op.key());
        if (item == null || explainedByUnknown(op, list, ops, item)) return null;
        return op.describe() + ": " + list.describe() + " still shows " + op.key() + " at revision "
                + item.modRevision();
    }

    private static boolean explainedByUnknown(
            Operation op, ListSnapshot list, List<Operation> ops, ListSnapshot.Item item) {
        return unknownCandidates(op, list, ops)
                .anyMatch(u -> u.verb() != Operation.Verb.DELETE && ObjectValues.holds(item.object(), u.sent()));
    }

    /**
     * Writes of the same key at revisions the history may not know (of unknown outcome, or
     * deletes acknowledged without one) that could have landed before the list was taken.
     */
    private static java.util.stream.Stream<Operation> unknownCandidates(
            Operation op, ListSnapshot list, List<Operation> ops) {
        return ops.stream().filter(u -> revisionUntold(u) && u.key().equals(op.key()) && u.startSeq() < list.endSeq());
    }

    /** Unknown, or a delete acknowledged without a revision: it happened at one the history may know. */
    private static boolean revisionUntold(Operation op) {
        return op.outcome() instanceof Outcome.Unknown
                || (op.outcome() instanceof Outcome.Acknowledged a && a.revision() <= 0);
    }

    private List<Violation> unexplainedRevisions(List<Operation> ops) {
        List<Violation> out = new ArrayList<>();
        Set<String> written = ops.stream().map(Operation::key).collect(Collectors.toSet());
        for (String key : written) {
            for (KnownRevisions.Fact fact : known.of(key).values()) {
                if (fact.acknowledged()) continue;
                boolean explained = ops.stream()
                        .filter(u -> u.key().equals(key) && u.mayHaveHappened())
                        .anyMatch(u -> fact.deleted()
                                ? u.verb() == Operation.Verb.DELETE && revisionUntold(u)
                                : u.outcome() instanceof Outcome.Unknown
                                        && u.verb() != Operation.Verb.DELETE
                                        && ObjectValues.holds(fact.object(), u.sent()));
                if (!explained)
                    out.add(new Violation(
                            Violation.Rule.ACKNOWLEDGED_WRITES,
                            "revision " + fact.revision() + " of " + key + " (" + fact.source()
                                    + ") is no client's write: none was acknowledged at it and no write of unknown"
                                    + " outcome is wholly in it"));
            }
        }
        return out;
    }
}

package io.everynode.testkit.history;

import tools.jackson.databind.JsonNode;

/**
 * One client write as recorded: what was asked, when (as positions in the history's sequence,
 * so "started after that one ended" is known) and how it ended.
 *
 * @param sent the body sent (null for a delete)
 * @param startSeq the history's sequence number just before the request was sent
 * @param endSeq the sequence number just after its outcome was known
 */
public record Operation(
        long id, String client, Verb verb, String key, JsonNode sent, long startSeq, long endSeq, Outcome outcome) {

    public enum Verb {
        CREATE,
        UPDATE,
        DELETE
    }

    /** Whether the write may have taken effect: acknowledged, or its outcome is unknown. */
    public boolean mayHaveHappened() {
        return !(outcome instanceof Outcome.Failed);
    }

    /** One line naming the operation for a violation report. */
    public String describe() {
        return "op #" + id + " (" + client + " " + verb + " " + key + ", " + outcome.describe() + ")";
    }
}

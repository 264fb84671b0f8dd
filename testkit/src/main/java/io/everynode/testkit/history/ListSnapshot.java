package io.everynode.testkit.history;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One list answer: every object under {@code scope} at {@code revision} (the list's
 * resourceVersion), by key.
 *
 * @param scope the key prefix listed: {@code resource/} or {@code resource/namespace/}
 */
public record ListSnapshot(
        long id, String client, String scope, long revision, long startSeq, long endSeq, Map<String, Item> items) {

    public ListSnapshot {
        items = Map.copyOf(items);
    }

    /** An object in a list, with its modification revision (its resourceVersion). */
    public record Item(long modRevision, JsonNode object) {}

    public boolean covers(String key) {
        return key.startsWith(scope);
    }

    public String describe() {
        return "list #" + id + " (" + client + " " + scope + " at revision " + revision + ")";
    }
}

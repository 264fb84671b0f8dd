package io.everynode.testkit.history;

import tools.jackson.databind.JsonNode;

/** What one watcher saw, in the order it saw it. */
public sealed interface WatchRecord {

    String watcher();

    /** The watcher's list (at the start, or after a 410): its state before the next events. */
    record Listed(String watcher, ListSnapshot list) implements WatchRecord {}

    /** A watch request opened from {@code fromRevision} (a list's, or the last one seen on a reconnect). */
    record Opened(String watcher, long fromRevision) implements WatchRecord {}

    /** An ADDED, MODIFIED or DELETED event: {@code key} at {@code revision}. */
    record Event(String watcher, long seq, Type type, String key, long revision, JsonNode object)
            implements WatchRecord {
        public String describe() {
            return watcher + " event " + type + " " + key + " at revision " + revision;
        }
    }

    /** A BOOKMARK: every event up to {@code revision} was delivered. */
    record Bookmark(String watcher, long revision) implements WatchRecord {}

    /** A 410 (an ERROR event or the watch request's answer): the watcher must relist. */
    record Expired(String watcher, String message) implements WatchRecord {}

    /** The stream ended or broke without a 410; the watcher reconnects from its last revision. */
    record Broken(String watcher, String reason) implements WatchRecord {}

    enum Type {
        ADDED,
        MODIFIED,
        DELETED
    }
}

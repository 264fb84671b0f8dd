package io.everynode.testkit.history;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Hand-made histories of ConfigMaps {@code configmaps/ns/<name>} with one data value each. */
final class HistoryBuilder {
    final History history = new History();

    static ObjectNode configMap(String name, long revision, String value) {
        ObjectNode cm = Answers.JSON.createObjectNode();
        cm.put("kind", "ConfigMap");
        ObjectNode meta = cm.putObject("metadata");
        meta.put("name", name).put("namespace", "ns").put("uid", "uid-" + name);
        if (revision > 0) meta.put("resourceVersion", Long.toString(revision));
        cm.putObject("data").put("v", value);
        return cm;
    }

    static String key(String name) {
        return "configmaps/ns/" + name;
    }

    HistoryBuilder acked(Operation.Verb verb, String name, String value, long revision) {
        return op(
                verb,
                name,
                value,
                new Outcome.Acknowledged(revision, configMap(name, revision, value == null ? "gone" : value)));
    }

    HistoryBuilder unknown(Operation.Verb verb, String name, String value) {
        return op(verb, name, value, new Outcome.Unknown("connection reset"));
    }

    HistoryBuilder failed(Operation.Verb verb, String name, String value) {
        return op(verb, name, value, new Outcome.Failed(409, "conflict"));
    }

    HistoryBuilder unknownSending(String name, JsonNode sent) {
        history.add(new Operation(
                history.nextId(),
                "writer",
                Operation.Verb.UPDATE,
                key(name),
                sent,
                history.nextSeq(),
                history.nextSeq(),
                new Outcome.Unknown("timeout")));
        return this;
    }

    private HistoryBuilder op(Operation.Verb verb, String name, String value, Outcome outcome) {
        JsonNode sent = verb == Operation.Verb.DELETE ? null : configMap(name, 0, value);
        history.add(new Operation(
                history.nextId(), "writer", verb, key(name), sent, history.nextSeq(), history.nextSeq(), outcome));
        return this;
    }

    /** A client's list at {@code revision}; items as name, revision, value, name, revision, value… */
    HistoryBuilder list(long revision, Object... items) {
        history.add(snapshot("reader", revision, items));
        return this;
    }

    HistoryBuilder listed(String watcher, long revision, Object... items) {
        history.add(new WatchRecord.Listed(watcher, snapshot(watcher, revision, items)));
        return this;
    }

    HistoryBuilder event(String watcher, WatchRecord.Type type, String name, long revision, String value) {
        history.add(new WatchRecord.Event(
                watcher, history.nextSeq(), type, key(name), revision, configMap(name, revision, value)));
        return this;
    }

    HistoryBuilder bookmark(String watcher, long revision) {
        history.add(new WatchRecord.Bookmark(watcher, revision));
        return this;
    }

    HistoryBuilder expired(String watcher) {
        history.add(new WatchRecord.Expired(watcher, "too old resource version"));
        return this;
    }

    private ListSnapshot snapshot(String client, long revision, Object... items) {
        Map<String, ListSnapshot.Item> map = new HashMap<>();
        for (int i = 0; i < items.length; i += 3) {
            String name = (String) items[i];
            long rev = ((Number) items[i + 1]).longValue();
            map.put(key(name), new ListSnapshot.Item(rev, configMap(name, rev, (String) items[i + 2])));
        }
        long seq = history.nextSeq();
        return new ListSnapshot(history.nextId(), client, "configmaps/ns/", revision, seq, history.nextSeq(), map);
    }
}

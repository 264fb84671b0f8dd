package io.everynode.testkit.history;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** How the checker reads objects: their keys, revisions, and when two are the same write. */
final class ObjectValues {
    private ObjectValues() {}

    /** {@code resource/namespace/name}; cluster-scoped objects have an empty namespace part. */
    static String key(String resource, JsonNode object) {
        JsonNode meta = object.path("metadata");
        return resource + "/" + meta.path("namespace").asString("") + "/"
                + meta.path("name").asString("");
    }

    static long revision(JsonNode object) {
        String rv = object.path("metadata").path("resourceVersion").asString("");
        return rv.isEmpty() ? 0 : Long.parseLong(rv);
    }

    /**
     * The same stored object, read through different answers (a write's response, a watch event,
     * a list item): equal but for kind and apiVersion (list items carry neither), the
     * resourceVersion and managedFields.
     */
    static boolean same(JsonNode a, JsonNode b) {
        return comparable(a).equals(comparable(b));
    }

    private static JsonNode comparable(JsonNode object) {
        ObjectNode copy = (ObjectNode) object.deepCopy();
        copy.remove("kind");
        copy.remove("apiVersion");
        if (copy.get("metadata") instanceof ObjectNode meta) {
            meta.remove("resourceVersion");
            meta.remove("managedFields");
        }
        return copy;
    }

    /**
     * Whether {@code stored} holds every field of {@code sent} with the value sent (the server
     * adds defaults, uid and timestamps; a resourceVersion sent is a precondition, not content):
     * a write that happened wholly, not half.
     */
    static boolean holds(JsonNode stored, JsonNode sent) {
        return contains(stored, sent, true);
    }

    private static boolean contains(JsonNode stored, JsonNode sent, boolean top) {
        if (sent.isObject()) {
            if (!stored.isObject()) return false;
            for (Map.Entry<String, JsonNode> field : sent.properties()) {
                String name = field.getKey();
                if (top && (name.equals("kind") || name.equals("apiVersion"))) continue;
                if (top && name.equals("metadata")) {
                    if (!containsMetadata(stored.path("metadata"), field.getValue())) return false;
                    continue;
                }
                if (!stored.has(name) || !contains(stored.get(name), field.getValue(), false)) return false;
            }
            return true;
        }
        if (sent.isArray()) {
            if (!stored.isArray() || stored.size() != sent.size()) return false;
            Iterator<JsonNode> s = stored.iterator();
            for (JsonNode element : sent) if (!contains(s.next(), element, false)) return false;
            return true;
        }
        return sent.equals(stored);
    }

    private static boolean containsMetadata(JsonNode stored, JsonNode sent) {
        for (Map.Entry<String, JsonNode> field : sent.properties()) {
            if (field.getKey().equals("resourceVersion")) continue;
            if (!stored.has(field.getKey()) || !contains(stored.get(field.getKey()), field.getValue(), false))
                return false;
        }
        return true;
    }
}

package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes watch event lines ({@code {"type":…,"object":…}\n}) and remembers the lines of recent
 * objects by identity: the cache shares one object among every watcher of a change, so with
 * thousands of watches a change is encoded once (per event type), not once per watch, and the
 * watches share the bytes.
 */
final class EventLines {
    private static final int REMEMBERED = 4096;

    private final Map<Identity, Map<String, byte[]>> recent = new LinkedHashMap<>(REMEMBERED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Identity, Map<String, byte[]>> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The whole line for a shared cache object (encoded at most once while remembered; do not mutate it). */
    byte[] shared(String type, ObjectNode object) {
        Identity key = new Identity(object);
        synchronized (recent) {
            Map<String, byte[]> byType = recent.get(key);
            byte[] line = byType == null ? null : byType.get(type);
            if (line != null) return line;
        }
        byte[] line = single(type, object);
        synchronized (recent) {
            recent.computeIfAbsent(key, k -> new java.util.HashMap<>(2)).put(type, line);
        }
        return line;
    }

    /** The line for an object built for this one watcher (a Table, a bookmark). */
    static byte[] single(String type, ObjectNode object) {
        return line(type, Json.bytes(object));
    }

    private static byte[] line(String type, byte[] objectJson) {
        byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + objectJson.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(objectJson, 0, out, head.length, objectJson.length);
        out[out.length - 2] = '}';
        out[out.length - 1] = '\n';
        return out;
    }

    /** Equal only to the very same object: cache objects are immutable once published. */
    private record Identity(ObjectNode node) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.node == node;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node);
        }
    }
}

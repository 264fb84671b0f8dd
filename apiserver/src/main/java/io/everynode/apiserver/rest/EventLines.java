package io.everynode.apiserver.rest;

import io.everynode.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes watch event lines ({@code {"type":…,"object":…}\n}) and remembers the JSON of recent
 * objects by identity: the cache shares one object among every watcher of a change, so with
 * thousands of watches an object is encoded once, not once per watch.
 */
final class EventLines {
    private static final int REMEMBERED = 4096;

    private final Map<Identity, byte[]> recent = new LinkedHashMap<>(REMEMBERED * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Identity, byte[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** The whole line for a shared cache object (encoded at most once while remembered). */
    byte[] shared(String type, ObjectNode object) {
        Identity key = new Identity(object);
        byte[] json;
        synchronized (recent) {
            json = recent.get(key);
        }
        if (json == null) {
            json = Json.bytes(object);
            synchronized (recent) {
                recent.put(key, json);
            }
        }
        return line(type, json);
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

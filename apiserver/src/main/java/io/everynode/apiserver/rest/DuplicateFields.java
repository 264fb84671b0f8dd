package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The keys a JSON or YAML body repeats inside one object, as the paths upstream's strict
 * decoding names them ({@code metadata.name}, {@code spec.containers[0].image}), in document
 * order. A parsed tree keeps only the last value of a repeated key, so the body is scanned
 * token by token. Upstream rejects these under {@code fieldValidation=Strict} and warns under
 * {@code Warn}.
 */
final class DuplicateFields {
    private DuplicateFields() {}

    /** Where the scan is: an object (the keys seen so far) or an array (the next index). */
    private static final class Frame {
        final String path;
        final Set<String> keys; // null for an array
        String nextKeyPath = "";
        int index;

        Frame(String path, boolean object) {
            this.path = path;
            this.keys = object ? new HashSet<>() : null;
        }

        /** The path of the value that starts now, advancing an array's index. */
        String valuePath() {
            if (keys != null) return nextKeyPath;
            return path + "[" + index++ + "]";
        }
    }

    /**
     * @return the repeated keys' paths; empty for a body that does not parse (the decoder that
     *     follows reports that)
     */
    static List<String> paths(byte[] body, boolean yaml) {
        List<String> found = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        try (JsonParser p = Json.parser(body, yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Frame top = stack.peek();
                switch (t) {
                    case START_OBJECT -> stack.push(new Frame(top == null ? "" : top.valuePath(), true));
                    case START_ARRAY -> stack.push(new Frame(top == null ? "" : top.valuePath(), false));
                    case END_OBJECT, END_ARRAY -> stack.pop();
                    case PROPERTY_NAME -> {
                        String name = p.currentName();
                        String path = top.path.isEmpty() ? name : top.path + "." + name;
                        if (!top.keys.add(name)) found.add(path);
                        top.nextKeyPath = path;
                    }
                    default -> {
                        if (top != null) top.valuePath();
                    }
                }
            }
        } catch (RuntimeException e) { // JacksonException included: a malformed body
            return found;
        }
        return found;
    }
}

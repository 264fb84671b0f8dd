package io.everynode.apiserver.patch;

import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON patch, RFC 6902 ({@code application/json-patch+json}; what {@code kubectl apply
 * --server-side} sends to migrate managedFields). Operations apply in order to a private copy;
 * the first one that fails aborts the whole patch with a {@link PatchException}, so a partial
 * result never escapes.
 */
public final class JsonPatch {

    private JsonPatch() {}

    /** Returns {@code target} with the operations in {@code patch} applied; inputs are unchanged. */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(patch, "patch");
        if (!patch.isArray()) {
            throw PatchException.malformed("a JSON patch must be a list of operations, not %s", kindOf(patch));
        }
        JsonNode doc = target.deepCopy();
        int index = 0;
        for (JsonNode operation : patch.values()) {
            doc = applyOne(doc, operation, index++);
        }
        return doc;
    }

    private static JsonNode applyOne(JsonNode doc, JsonNode operation, int index) {
        if (!operation.isObject()) {
            throw PatchException.malformed("JSON patch operation %d is not an object", index);
        }
        String op = requiredString(operation, "op", index);
        Pointer path = Pointer.parse(requiredString(operation, "path", index));
        switch (op) {
            case "add":
                return add(doc, path, requiredValue(operation, index).deepCopy());
            case "remove":
                if (path.isRoot()) {
                    throw PatchException.notApplicable("cannot remove the whole document");
                }
                return remove(doc, path, op);
            case "replace":
                return replace(doc, path, requiredValue(operation, index).deepCopy());
            case "move": {
                Pointer from = Pointer.parse(requiredString(operation, "from", index));
                if (from.isProperPrefixOf(path)) {
                    throw PatchException.notApplicable("cannot move %s into its own child %s", from, path);
                }
                JsonNode value = get(doc, from, op);
                doc = remove(doc, from, op);
                return from.isRoot() ? value : add(doc, path, value);
            }
            case "copy": {
                Pointer from = Pointer.parse(requiredString(operation, "from", index));
                return add(doc, path, get(doc, from, op).deepCopy());
            }
            case "test": {
                JsonNode expected = requiredValue(operation, index);
                JsonNode actual = find(doc, path);
                if (actual == null || !JsonEquality.equal(actual, expected)) {
                    throw PatchException.notApplicable("the \"test\" operation failed at %s", path);
                }
                return doc;
            }
            default:
                throw PatchException.malformed("JSON patch operation %d has unknown op \"%s\"", index, op);
        }
    }

    /** RFC 6902 §4.1: the parent must exist; arrays take an index up to their size, or "-". */
    private static JsonNode add(JsonNode doc, Pointer path, JsonNode value) {
        if (path.isRoot()) {
            return value;
        }
        JsonNode parent = find(doc, path.parent());
        String token = path.lastToken();
        if (parent instanceof ObjectNode object) {
            object.set(token, value);
        } else if (parent instanceof ArrayNode array) {
            if (token.equals("-")) {
                array.add(value);
            } else {
                int at = arrayIndex(token, path);
                if (at > array.size()) {
                    throw PatchException.notApplicable(
                            "index %d is out of range at %s (the list has %d items)", at, path, array.size());
                }
                array.insert(at, value);
            }
        } else {
            throw PatchException.notApplicable("path %s does not exist", parent == null ? path.parent() : path);
        }
        return doc;
    }

    /** RFC 6902 §4.3: the target must exist; it keeps its place among its siblings. */
    private static JsonNode replace(JsonNode doc, Pointer path, JsonNode value) {
        get(doc, path, "replace");
        if (path.isRoot()) {
            return value;
        }
        JsonNode parent = find(doc, path.parent());
        if (parent instanceof ObjectNode object) {
            object.set(path.lastToken(), value);
        } else {
            ((ArrayNode) parent).set(arrayIndex(path.lastToken(), path), value);
        }
        return doc;
    }

    /** Removes the value at {@code path}, which must exist; returns the new document. */
    private static JsonNode remove(JsonNode doc, Pointer path, String op) {
        get(doc, path, op);
        if (path.isRoot()) {
            return null; // only reached by a move from the root, which puts the value back
        }
        JsonNode parent = find(doc, path.parent());
        if (parent instanceof ObjectNode object) {
            object.remove(path.lastToken());
        } else {
            ((ArrayNode) parent).remove(arrayIndex(path.lastToken(), path));
        }
        return doc;
    }

    private static JsonNode get(JsonNode doc, Pointer path, String op) {
        JsonNode value = find(doc, path);
        if (value == null) {
            throw PatchException.notApplicable("path %s does not exist (in a \"%s\" operation)", path, op);
        }
        return value;
    }

    /** The value at {@code path}, or null if there is none. */
    private static JsonNode find(JsonNode doc, Pointer path) {
        JsonNode node = doc;
        for (String token : path.tokens()) {
            if (node == null) {
                return null;
            }
            if (node.isObject()) {
                node = node.get(token);
            } else if (node.isArray()) {
                int at = isArrayIndex(token) ? Integer.parseInt(token) : -1;
                node = at >= 0 && at < node.size() ? node.get(at) : null;
            } else {
                return null;
            }
        }
        return node;
    }

    private static int arrayIndex(String token, Pointer path) {
        if (!isArrayIndex(token)) {
            throw PatchException.notApplicable("\"%s\" is not a valid list index at %s", token, path);
        }
        return Integer.parseInt(token);
    }

    /** RFC 6901 §4: digits without leading zeros, small enough for a Java list. */
    private static boolean isArrayIndex(String token) {
        if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
            return false;
        }
        return token.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String requiredString(JsonNode operation, String field, int index) {
        JsonNode value = operation.get(field);
        if (value == null || !value.isString()) {
            throw PatchException.malformed("JSON patch operation %d has no \"%s\" string", index, field);
        }
        return value.stringValue();
    }

    private static JsonNode requiredValue(JsonNode operation, int index) {
        JsonNode value = operation.get("value");
        if (value == null) {
            throw PatchException.malformed(
                    "JSON patch operation %d (%s) has no \"value\"",
                    index, operation.get("op").stringValue());
        }
        return value;
    }

    private static String kindOf(JsonNode node) {
        return node.isObject() ? "an object" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}

package io.everynode.apiserver.patch;

import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch, RFC 7386 ({@code application/merge-patch+json}; what {@code kubectl label}
 * sends). An object patch merges member by member, a {@code null} member deletes, anything else
 * (arrays included) replaces the target value wholesale. Any JSON value is a valid merge patch,
 * so this never fails.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {}

    /**
     * Returns {@code target} with {@code patch} applied, as a new tree; neither input is changed.
     * A Java {@code null} or missing target is treated as absent.
     */
    public static JsonNode apply(JsonNode target, JsonNode patch) {
        Objects.requireNonNull(patch, "patch");
        JsonNode own = target == null || target.isMissingNode() ? null : target.deepCopy();
        return merge(own, patch);
    }

    /** Merges into {@code own}, which this class owns and may change in place. */
    private static JsonNode merge(JsonNode own, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = own != null && own.isObject() ? (ObjectNode) own : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String name = member.getKey();
            JsonNode value = member.getValue();
            if (value.isNull()) {
                result.remove(name);
            } else {
                result.set(name, merge(result.get(name), value));
            }
        }
        return result;
    }
}

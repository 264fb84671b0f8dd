package io.everynode.apiserver.patch;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The directive keys of one patch map, split from its ordinary fields. Recognised keys follow
 * the upstream strategic-merge-patch design notes: {@code $patch}, {@code $retainKeys},
 * {@code $setElementOrder/<list>}, {@code $deleteFromPrimitiveList/<list>}. Any other key,
 * even one starting with {@code $} (a CRD's {@code $ref}), is an ordinary field.
 */
record Directives(
        String patch,
        JsonNode retainKeys,
        Map<String, JsonNode> elementOrders,
        Map<String, JsonNode> primitiveDeletions,
        Map<String, JsonNode> fields) {

    static final String PATCH = "$patch";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder/";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    static final String REPLACE = "replace";
    static final String DELETE = "delete";
    static final String MERGE = "merge";

    /** Splits {@code map}; {@code where} names its place for error messages. */
    static Directives of(ObjectNode map, String where) {
        String patch = null;
        JsonNode retainKeys = null;
        Map<String, JsonNode> orders = new LinkedHashMap<>();
        Map<String, JsonNode> deletions = new LinkedHashMap<>();
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> member : map.properties()) {
            String key = member.getKey();
            JsonNode value = member.getValue();
            if (key.equals(PATCH)) {
                patch = patchValue(value, where);
            } else if (key.equals(RETAIN_KEYS)) {
                retainKeys = requireList(value, key, where);
            } else if (key.startsWith(SET_ELEMENT_ORDER)) {
                orders.put(key.substring(SET_ELEMENT_ORDER.length()), requireList(value, key, where));
            } else if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deletions.put(key.substring(DELETE_FROM_PRIMITIVE_LIST.length()), requireList(value, key, where));
            } else {
                fields.put(key, value);
            }
        }
        return new Directives(patch, retainKeys, orders, deletions, fields);
    }

    /** The {@code $patch} value of a map, or null when it has none; rejects unknown values. */
    static String patchOf(JsonNode node, String where) {
        if (!node.isObject()) {
            return null;
        }
        JsonNode value = node.get(PATCH);
        return value == null ? null : patchValue(value, where);
    }

    private static String patchValue(JsonNode value, String where) {
        String text = value.isString() ? value.stringValue() : null;
        if (REPLACE.equals(text) || DELETE.equals(text) || MERGE.equals(text)) {
            return text;
        }
        throw PatchException.malformed(
                "unknown $patch directive %s at %s (expected replace, delete or merge)",
                value, StrategicMerger.place(where));
    }

    private static JsonNode requireList(JsonNode value, String key, String where) {
        if (value.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw PatchException.malformed("%s at %s must be a list", key, StrategicMerger.place(where));
        }
        return value;
    }
}

package io.everynode.apiserver.crd;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pruning as upstream does it for structural schemas: fields the schema does not specify are
 * dropped, unless an enclosing object has {@code x-kubernetes-preserve-unknown-fields: true};
 * {@code apiVersion}, {@code kind} and {@code metadata} stay at the root and in embedded
 * resources; a null where the schema does not allow one ({@code nullable}) is dropped too.
 * Dropped unknown fields are reported by path so that {@code fieldValidation} can warn about or
 * refuse them. Stateless.
 */
final class SchemaPruner {
    private static final Set<String> TYPE_META = Set.of("apiVersion", "kind", "metadata");

    private SchemaPruner() {}

    /** Removes what the schema does not specify from {@code obj}; returns the unknown fields' paths. */
    static List<String> prune(ObjectNode obj, JsonNode schema) {
        List<String> unknown = new ArrayList<>();
        if (schema != null) object(obj, schema, "", true, unknown);
        return unknown;
    }

    /** The unknown fields' paths, leaving {@code obj} untouched. */
    static List<String> unknownFields(ObjectNode obj, JsonNode schema) {
        return prune(obj.deepCopy(), schema);
    }

    private static void value(JsonNode v, JsonNode schema, String path, List<String> unknown) {
        if (v instanceof ObjectNode o) object(o, schema, path, false, unknown);
        else if (v instanceof ArrayNode a) {
            JsonNode items = schema.get("items");
            if (items == null || !items.isObject()) return;
            for (int i = 0; i < a.size(); i++) value(a.get(i), items, path + "[" + i + "]", unknown);
        }
    }

    private static void object(ObjectNode o, JsonNode schema, String path, boolean root, List<String> unknown) {
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        boolean embedded = root || schema.path("x-kubernetes-embedded-resource").asBoolean(false);
        JsonNode props = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (embedded && TYPE_META.contains(e.getKey())) continue; // the server checks these
            JsonNode childSchema = props.get(e.getKey());
            if (childSchema == null && additional != null && additional.isObject()) childSchema = additional;
            if (childSchema != null) {
                if (e.getValue().isNull() && !childSchema.path("nullable").asBoolean(false)) it.remove();
                else value(e.getValue(), childSchema, child, unknown);
            } else if (!preserve && !(additional != null && additional.asBoolean(false))) {
                unknown.add(child);
                it.remove();
            }
        }
    }
}

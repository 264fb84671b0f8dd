package io.everynode.apiserver.crd;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Defaulting from {@code default:} in a structural schema, as upstream applies it after pruning:
 * a property missing from an object that is present gets a copy of its default, and defaults
 * apply inside the defaulted value too. An object that is absent is not created. Stateless.
 */
final class SchemaDefaulter {
    private SchemaDefaulter() {}

    static void apply(ObjectNode obj, JsonNode schema) {
        if (schema != null) object(obj, schema);
    }

    private static void value(JsonNode v, JsonNode schema) {
        if (v instanceof ObjectNode o) object(o, schema);
        else if (v instanceof ArrayNode a) {
            JsonNode items = schema.get("items");
            if (items != null && items.isObject()) for (JsonNode item : a) value(item, items);
        }
    }

    private static void object(ObjectNode o, JsonNode schema) {
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            JsonNode def = p.getValue().get("default");
            if (def != null && (!o.has(p.getKey()) || o.get(p.getKey()).isNull())) o.set(p.getKey(), def.deepCopy());
        }
        JsonNode props = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            JsonNode childSchema = props.get(e.getKey());
            if (childSchema == null && additional != null && additional.isObject()) childSchema = additional;
            if (childSchema != null) value(e.getValue(), childSchema);
        }
    }
}

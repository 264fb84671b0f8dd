package io.everynode.apiserver.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Test helper: the field paths of an object that its kind's schema does not describe, found by
 * walking the object along the schema as kubectl's patch code walks it (through {@code allOf}
 * references, list items and map values). A schema that misses a real field shows up here.
 */
final class SchemaWalker {
    private final Map<String, JsonNode> components;

    SchemaWalker(Map<String, ? extends JsonNode> components) {
        this.components = Map.copyOf(components);
    }

    List<String> unknownFields(String component, JsonNode object) {
        List<String> out = new ArrayList<>();
        walk(components.get(component), object, "", out);
        return out;
    }

    private void walk(JsonNode schema, JsonNode value, String path, List<String> out) {
        schema = resolve(schema);
        if (schema.has("x-kubernetes-preserve-unknown-fields")) return;
        if (value.isObject()) {
            JsonNode props = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (var e : value.properties()) {
                String p = path + "." + e.getKey();
                if (props != null && props.has(e.getKey())) walk(props.get(e.getKey()), e.getValue(), p, out);
                else if (additional != null) walk(additional, e.getValue(), p, out);
                else out.add(p.substring(1));
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) walk(schema.get("items"), value.get(i), path + "[" + i + "]", out);
        }
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("allOf")) schema = schema.get("allOf").get(0);
        if (schema.has("$ref")) {
            return resolve(components.get(schema.get("$ref").asString().substring("#/components/schemas/".length())));
        }
        return schema;
    }
}

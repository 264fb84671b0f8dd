package io.everynode.apiserver.crd;

import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.openapi.SchemaProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 component schemas of the custom resources of one group-version, for
 * {@code kubectl explain}: each version's {@code openAPIV3Schema} with apiVersion, kind and
 * metadata added and the {@code x-kubernetes-group-version-kind} kubectl finds it by, named as
 * upstream names them ({@code io.everynode.example.v1.Widget} for group example.everynode.io).
 */
public final class CustomSchemas implements SchemaProvider {
    private final ServedTypes types;

    public CustomSchemas(ServedTypes types) {
        this.types = types;
    }

    /** The schema of a custom resource's version; empty for a built-in kind. Custom resources take no strategic merge patch. */
    @Override
    public Optional<KindSchema> schema(ResourceType t) {
        return types.custom(t).map(v -> new KindSchema(name(t), null, Map.of(name(t), schema(v)), false));
    }

    static String name(ResourceType t) {
        List<String> parts = new ArrayList<>(List.of(t.group().split("\\.")));
        Collections.reverse(parts);
        return String.join(".", parts) + "." + t.version() + "." + t.kind();
    }

    private static ObjectNode schema(CustomVersion v) {
        JsonNode given = v.schema();
        ObjectNode s = given instanceof ObjectNode o
                ? o.deepCopy()
                : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        s.put("type", "object");
        ObjectNode props = s.get("properties") instanceof ObjectNode p ? p : s.putObject("properties");
        ObjectNode apiVersion = props.putObject("apiVersion");
        apiVersion.put("type", "string");
        apiVersion.put("description", "APIVersion defines the versioned schema of this representation of an object.");
        ObjectNode kind = props.putObject("kind");
        kind.put("type", "string");
        kind.put("description", "Kind is a string value representing the REST resource this object represents.");
        if (!props.has("metadata")) props.putObject("metadata").put("type", "object");
        ObjectNode gvk = s.putArray("x-kubernetes-group-version-kind").addObject();
        gvk.put("group", v.type().group());
        gvk.put("kind", v.type().kind());
        gvk.put("version", v.type().version());
        return s;
    }
}

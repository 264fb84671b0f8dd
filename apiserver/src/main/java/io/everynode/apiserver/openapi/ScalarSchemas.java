package io.everynode.apiserver.openapi;

import io.everynode.api.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The components that are not objects with fields: how upstream publishes its hand-serialized
 * types. A component without {@code type} is shown by {@code kubectl explain} under its own name
 * ({@code <IntOrString>}, {@code <Quantity>}); one with a primitive type is shown as that type
 * ({@code creationTimestamp <string>}).
 */
final class ScalarSchemas {
    /**
     * A Kubernetes quantity: a signed decimal number with an optional binary (Ki … Ei), decimal
     * (n … E) or exponent suffix; written from the grammar in the Quantity type's documentation.
     */
    static final String QUANTITY_PATTERN =
            "^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?[0-9]+))?$";

    static final String JSON = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON";

    private ScalarSchemas() {}

    /** Every scalar component by name; a fresh map of fresh nodes the caller may keep. */
    static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        ObjectNode ios = Json.object();
        ios.put("format", "int-or-string");
        ios.put("x-kubernetes-int-or-string", true);
        out.put(SchemaNames.INT_OR_STRING, ios);
        ObjectNode quantity = Json.object();
        quantity.put("pattern", QUANTITY_PATTERN);
        quantity.put("x-kubernetes-int-or-string", true);
        out.put(SchemaNames.QUANTITY, quantity);
        out.put(SchemaNames.TIME, dateTime());
        out.put(SchemaNames.MICRO_TIME, dateTime());
        out.put(SchemaNames.FIELDS_V1, object());
        out.put(SchemaNames.PATCH, object());
        out.put(SchemaNames.RAW_EXTENSION, object());
        // Any JSON value (a schema's default, enum values, example): no type, kept as written.
        ObjectNode json = Json.object();
        json.put("x-kubernetes-preserve-unknown-fields", true);
        out.put(JSON, json);
        return out;
    }

    private static ObjectNode dateTime() {
        ObjectNode o = Json.object();
        o.put("type", "string");
        o.put("format", "date-time");
        return o;
    }

    private static ObjectNode object() {
        ObjectNode o = Json.object();
        o.put("type", "object");
        return o;
    }
}

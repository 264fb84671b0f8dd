package io.everynode.apiserver.crd;

import io.everynode.api.validation.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Validates a custom resource against its version's structural schema, with upstream's field
 * paths ({@code spec.ports[0].name}) and messages: type, required, enum, pattern, minimum and
 * maximum (exclusive too), multipleOf, minLength/maxLength, minItems/maxItems,
 * minProperties/maxProperties, {@code x-kubernetes-int-or-string} and
 * {@code x-kubernetes-embedded-resource}. Runs after pruning and defaulting, so unknown fields
 * are gone already. CEL rules ({@code x-kubernetes-validations}) and {@code format} are not
 * evaluated. Stateless.
 */
final class SchemaValidator {
    private SchemaValidator() {}

    /** The errors of the whole object; the root's apiVersion, kind and metadata are the server's business. */
    static List<FieldError> validate(JsonNode object, JsonNode schema) {
        List<FieldError> out = new ArrayList<>();
        if (schema == null || !object.isObject()) return out;
        JsonNode props = schema.path("properties");
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            String f = e.getKey();
            if (f.equals("apiVersion") || f.equals("kind") || f.equals("metadata")) continue;
            if (props.has(f)) check(e.getValue(), props.get(f), f, out);
        }
        for (JsonNode r : schema.path("required")) {
            String f = r.asString();
            if (!f.equals("metadata") && !object.has(f)) out.add(FieldError.required(f, ""));
        }
        return out;
    }

    static void check(JsonNode value, JsonNode schema, String path, List<FieldError> out) {
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false) && schema.has("type"))
                out.add(typeError(path, "null", schema.path("type").asString()));
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isString() && !isInteger(value)) out.add(typeError(path, typeOf(value), "integer or string"));
            return;
        }
        String type = schema.path("type").asString("");
        if (!type.isEmpty() && !matches(value, type)) {
            out.add(typeError(path, typeOf(value), type));
            return;
        }
        enumCheck(value, schema, path, out);
        if (value.isString()) strings(value.asString(), schema, path, out);
        if (value.isNumber()) numbers(value, schema, path, out);
        if (value.isArray()) arrays(value, schema, path, out);
        if (value.isObject()) objects(value, schema, path, out);
    }

    private static void enumCheck(JsonNode value, JsonNode schema, String path, List<FieldError> out) {
        JsonNode allowed = schema.get("enum");
        if (allowed == null || !allowed.isArray()) return;
        for (JsonNode a : allowed) if (a.equals(value)) return;
        List<String> names = new ArrayList<>();
        for (JsonNode a : allowed) names.add(a.isString() ? a.asString() : a.toString());
        out.add(FieldError.notSupported(path, plain(value), names));
    }

    private static void strings(String s, JsonNode schema, String path, List<FieldError> out) {
        int length = s.codePointCount(0, s.length());
        if (schema.has("maxLength") && length > schema.get("maxLength").asLong())
            out.add(FieldError.tooLong(path, schema.get("maxLength").asLong()));
        if (schema.has("minLength") && length < schema.get("minLength").asLong())
            out.add(FieldError.invalid(
                    path,
                    s,
                    path + " in body should be at least "
                            + schema.get("minLength").asLong() + " chars long"));
        if (schema.has("pattern")) {
            String p = schema.get("pattern").asString();
            try {
                if (!Pattern.compile(p).matcher(s).find())
                    out.add(FieldError.invalid(path, s, path + " in body should match '" + p + "'"));
            } catch (PatternSyntaxException e) {
                // refused when the definition was written; nothing to check against here
            }
        }
    }

    private static void numbers(JsonNode v, JsonNode schema, String path, List<FieldError> out) {
        double d = v.asDouble();
        Object bad = plain(v);
        if (schema.has("maximum")) {
            double max = schema.get("maximum").asDouble();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? d >= max : d > max)
                out.add(FieldError.invalid(
                        path,
                        bad,
                        path + " in body should be less than " + (exclusive ? "" : "or equal to ")
                                + number(schema.get("maximum"))));
        }
        if (schema.has("minimum")) {
            double min = schema.get("minimum").asDouble();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? d <= min : d < min)
                out.add(FieldError.invalid(
                        path,
                        bad,
                        path + " in body should be greater than " + (exclusive ? "" : "or equal to ")
                                + number(schema.get("minimum"))));
        }
        if (schema.has("multipleOf")) {
            double m = schema.get("multipleOf").asDouble();
            if (m > 0 && Math.abs(d / m - Math.rint(d / m)) > 1e-9)
                out.add(FieldError.invalid(
                        path, bad, path + " in body should be a multiple of " + number(schema.get("multipleOf"))));
        }
    }

    private static void arrays(JsonNode v, JsonNode schema, String path, List<FieldError> out) {
        int n = v.size();
        if (schema.has("maxItems") && n > schema.get("maxItems").asInt())
            out.add(FieldError.tooMany(path, n, schema.get("maxItems").asInt()));
        if (schema.has("minItems") && n < schema.get("minItems").asInt())
            out.add(FieldError.invalid(
                    path,
                    n,
                    path + " in body should have at least "
                            + schema.get("minItems").asInt() + " items"));
        JsonNode items = schema.get("items");
        if (items != null && items.isObject())
            for (int i = 0; i < n; i++) check(v.get(i), items, path + "[" + i + "]", out);
    }

    private static void objects(JsonNode v, JsonNode schema, String path, List<FieldError> out) {
        int n = v.size();
        if (schema.has("maxProperties") && n > schema.get("maxProperties").asInt())
            out.add(FieldError.tooMany(path, n, schema.get("maxProperties").asInt()));
        if (schema.has("minProperties") && n < schema.get("minProperties").asInt())
            out.add(FieldError.invalid(
                    path,
                    n,
                    path + " in body should have at least "
                            + schema.get("minProperties").asInt() + " properties"));
        if (schema.path("x-kubernetes-embedded-resource").asBoolean(false)) {
            for (String f : List.of("apiVersion", "kind"))
                if (v.path(f).asString("").isEmpty()) out.add(FieldError.required(path + "." + f, "must not be empty"));
        }
        JsonNode props = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String child = path + "." + e.getKey();
            if (props.has(e.getKey())) check(e.getValue(), props.get(e.getKey()), child, out);
            else if (additional != null && additional.isObject()) check(e.getValue(), additional, child, out);
        }
        for (JsonNode r : schema.path("required")) {
            if (!v.has(r.asString())) out.add(FieldError.required(path + "." + r.asString(), ""));
        }
    }

    private static FieldError typeError(String path, String actual, String expected) {
        return FieldError.invalid(path, actual, path + " in body must be of type " + expected + ": \"" + actual + "\"");
    }

    private static boolean matches(JsonNode v, String type) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isString();
            case "boolean" -> v.isBoolean();
            case "integer" -> isInteger(v);
            case "number" -> v.isNumber();
            default -> true;
        };
    }

    private static boolean isInteger(JsonNode v) {
        return v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
    }

    /** The JSON type name of a value, as upstream prints it. */
    static String typeOf(JsonNode v) {
        if (v.isObject()) return "object";
        if (v.isArray()) return "array";
        if (v.isString()) return "string";
        if (v.isBoolean()) return "boolean";
        if (v.isIntegralNumber()) return "integer";
        if (v.isNumber()) return "number";
        return "null";
    }

    private static Object plain(JsonNode v) {
        if (v.isString()) return v.asString();
        if (v.isIntegralNumber()) return v.asLong();
        if (v.isNumber()) return v.asDouble();
        if (v.isBoolean()) return v.asBoolean();
        return v;
    }

    private static String number(JsonNode n) {
        double d = n.asDouble();
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

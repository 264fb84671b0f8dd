package io.everynode.apiserver.crd;

import io.everynode.api.validation.FieldError;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Whether an {@code openAPIV3Schema} is structural, as apiextensions.k8s.io/v1 requires: an object
 * at the root, a type at every level (unless {@code x-kubernetes-int-or-string} or
 * {@code x-kubernetes-preserve-unknown-fields} stands for it), items for arrays, not both
 * properties and additionalProperties, {@code x-kubernetes-preserve-unknown-fields} only true,
 * nothing but name and generateName under the root's metadata, patterns that compile. Unknown
 * keywords are caught earlier, when the body is decoded (a strict decoding error under
 * {@code fieldValidation=Strict}). Stateless.
 */
final class StructuralCheck {
    private static final List<String> TYPES = List.of("array", "boolean", "integer", "number", "object", "string");

    private StructuralCheck() {}

    static void check(JsonNode schema, String path, List<FieldError> out) {
        String type = schema.path("type").asString("");
        if (type.isEmpty()) out.add(FieldError.required(path + ".type", "must not be empty at the root"));
        else if (!type.equals("object"))
            out.add(FieldError.invalid(path + ".type", type, "must be object at the root"));
        JsonNode meta = schema.path("properties").path("metadata");
        if (meta.isObject()) {
            for (Map.Entry<String, JsonNode> p : meta.path("properties").properties()) {
                if (!p.getKey().equals("name") && !p.getKey().equals("generateName"))
                    out.add(FieldError.forbidden(
                            path + ".properties[metadata]",
                            "must not specify anything other than name and generateName, but metadata is implicitly"
                                    + " specified"));
            }
        }
        node(schema, path, out, "");
    }

    private static void node(JsonNode s, String path, List<FieldError> out, String missingTypeDetail) {
        if (!s.isObject()) {
            out.add(FieldError.invalid(path, s.toString(), "must be a schema object"));
            return;
        }
        String type = s.path("type").asString("");
        boolean intOrString = s.path("x-kubernetes-int-or-string").asBoolean(false);
        boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (type.isEmpty() && !intOrString && !preserve && !missingTypeDetail.isEmpty())
            out.add(FieldError.required(path + ".type", missingTypeDetail));
        if (!type.isEmpty() && !TYPES.contains(type)) out.add(FieldError.notSupported(path + ".type", type, TYPES));
        if (s.has("x-kubernetes-preserve-unknown-fields") && !preserve)
            out.add(FieldError.invalid(
                    path + ".x-kubernetes-preserve-unknown-fields", false, "must be true or undefined"));
        if (s.has("properties") && s.has("additionalProperties"))
            out.add(FieldError.forbidden(
                    path + ".additionalProperties", "additionalProperties and properties are mutual exclusive"));
        if (type.equals("array") && !s.has("items")) out.add(FieldError.required(path + ".items", "must be specified"));
        if (s.has("pattern")) {
            try {
                Pattern.compile(s.get("pattern").asString());
            } catch (PatternSyntaxException e) {
                out.add(FieldError.invalid(
                        path + ".pattern", s.get("pattern").asString(), "must be a valid regular expression"));
            }
        }
        for (Map.Entry<String, JsonNode> p : s.path("properties").properties())
            node(
                    p.getValue(),
                    path + ".properties[" + p.getKey() + "]",
                    out,
                    "must not be empty for specified object fields");
        if (s.get("items") != null && s.get("items").isObject())
            node(s.get("items"), path + ".items", out, "must not be empty for specified array items");
        if (s.get("additionalProperties") != null
                && s.get("additionalProperties").isObject())
            node(
                    s.get("additionalProperties"),
                    path + ".additionalProperties",
                    out,
                    "must not be empty for specified object fields");
    }
}

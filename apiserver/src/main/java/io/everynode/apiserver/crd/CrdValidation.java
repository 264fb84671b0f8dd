package io.everynode.apiserver.crd;

import io.everynode.api.selector.LabelSyntax;
import io.everynode.api.validation.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What upstream validates in an apiextensions.k8s.io/v1 CustomResourceDefinition's spec (metadata
 * is checked apart): the group, the names, {@code metadata.name == <plural>.<group>}, the scope,
 * the versions (unique names, exactly one storage version, a structural schema in each), printer
 * columns, the scale subresource's paths and the conversion strategy. Stateless.
 */
final class CrdValidation {
    static final List<String> SCOPES = List.of("Cluster", "Namespaced");
    static final List<String> COLUMN_TYPES = List.of("boolean", "date", "integer", "number", "string");

    private CrdValidation() {}

    static List<FieldError> validate(JsonNode crd) {
        List<FieldError> out = new ArrayList<>();
        JsonNode spec = crd.path("spec");
        String group = spec.path("group").asString("");
        if (group.isEmpty()) out.add(FieldError.required("spec.group", ""));
        else {
            for (String m : LabelSyntax.dns1123Subdomain(group)) out.add(FieldError.invalid("spec.group", group, m));
            if (!group.contains("."))
                out.add(FieldError.invalid("spec.group", group, "should be a domain with at least one dot"));
        }
        JsonNode names = spec.path("names");
        String plural = names.path("plural").asString("");
        dns1035("spec.names.plural", plural, out);
        dns1035("spec.names.singular", names.path("singular").asString(""), out);
        String kind = names.path("kind").asString("");
        String listKind = names.path("listKind").asString("");
        if (kind.isEmpty()) out.add(FieldError.required("spec.names.kind", ""));
        if (listKind.isEmpty()) out.add(FieldError.required("spec.names.listKind", ""));
        else if (listKind.equals(kind))
            out.add(FieldError.invalid("spec.names.listKind", listKind, "kind and listKind may not be the same"));
        int i = 0;
        for (JsonNode s : names.path("shortNames")) dns1035("spec.names.shortNames[" + i++ + "]", s.asString(""), out);
        i = 0;
        for (JsonNode c : names.path("categories")) dns1035("spec.names.categories[" + i++ + "]", c.asString(""), out);
        String name = crd.path("metadata").path("name").asString("");
        if (!plural.isEmpty() && !group.isEmpty() && !name.equals(plural + "." + group))
            out.add(FieldError.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        String scope = spec.path("scope").asString("");
        if (scope.isEmpty()) out.add(FieldError.required("spec.scope", ""));
        else if (!SCOPES.contains(scope)) out.add(FieldError.notSupported("spec.scope", scope, SCOPES));
        versions(spec.path("versions"), out);
        String strategy = spec.path("conversion").path("strategy").asString("None");
        if (!strategy.equals("None") && !strategy.equals("Webhook"))
            out.add(FieldError.notSupported("spec.conversion.strategy", strategy, List.of("None", "Webhook")));
        return out;
    }

    private static void versions(JsonNode versions, List<FieldError> out) {
        if (!versions.isArray() || versions.isEmpty()) {
            out.add(FieldError.required("spec.versions", "must have exactly one version marked as storage version"));
            return;
        }
        int storage = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            JsonNode v = versions.get(i);
            String path = "spec.versions[" + i + "]";
            String name = v.path("name").asString("");
            dns1035(path + ".name", name, out);
            if (!name.isEmpty() && !seen.add(name)) out.add(FieldError.duplicate(path + ".name", name));
            if (v.path("storage").asBoolean(false)) storage++;
            JsonNode schema = v.path("schema").get("openAPIV3Schema");
            if (schema == null || !schema.isObject())
                out.add(FieldError.required(path + ".schema.openAPIV3Schema", "schemas are required"));
            else StructuralCheck.check(schema, path + ".schema.openAPIV3Schema", out);
            columns(v.path("additionalPrinterColumns"), path + ".additionalPrinterColumns", out);
            scale(v.path("subresources").path("scale"), path + ".subresources.scale", out);
        }
        if (storage != 1)
            out.add(FieldError.invalid(
                    "spec.versions",
                    versions.toString().length() > 80 ? storage + " storage versions" : versions.toString(),
                    "must have exactly one version marked as storage version"));
    }

    private static void columns(JsonNode columns, String path, List<FieldError> out) {
        for (int i = 0; i < columns.size(); i++) {
            JsonNode c = columns.get(i);
            String p = path + "[" + i + "]";
            if (c.path("name").asString("").isEmpty()) out.add(FieldError.required(p + ".name", ""));
            String type = c.path("type").asString("");
            if (type.isEmpty()) out.add(FieldError.required(p + ".type", ""));
            else if (!COLUMN_TYPES.contains(type)) out.add(FieldError.notSupported(p + ".type", type, COLUMN_TYPES));
            String jsonPath = c.path("jsonPath").asString("");
            if (jsonPath.isEmpty()) out.add(FieldError.required(p + ".jsonPath", ""));
            else {
                try {
                    JsonPathLite.parse(jsonPath);
                } catch (IllegalArgumentException e) {
                    out.add(FieldError.invalid(
                            p + ".jsonPath", jsonPath, "must be a simple json path: " + e.getMessage()));
                }
            }
            if (c.path("priority").asInt(0) < 0)
                out.add(FieldError.invalid(
                        p + ".priority", c.path("priority").asInt(), "must be greater than or equal to 0"));
        }
    }

    private static void scale(JsonNode scale, String path, List<FieldError> out) {
        if (!scale.isObject()) return;
        scalePath(scale, "specReplicasPath", "spec", path, true, out);
        scalePath(scale, "statusReplicasPath", "status", path, true, out);
        scalePath(scale, "labelSelectorPath", "status", path, false, out);
    }

    private static void scalePath(
            JsonNode scale, String field, String under, String path, boolean required, List<FieldError> out) {
        String p = scale.path(field).asString("");
        if (p.isEmpty()) {
            if (required) out.add(FieldError.required(path + "." + field, ""));
            return;
        }
        boolean ok;
        try {
            JsonPathLite jp = JsonPathLite.parse(p);
            ok = jp.fieldsOnly()
                    && (jp.head().equals(under) || (!required && jp.head().equals("spec")));
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        if (!ok)
            out.add(FieldError.invalid(
                    path + "." + field, p, "should be a json path under ." + (required ? under : "spec or .status")));
    }

    private static void dns1035(String path, String value, List<FieldError> out) {
        if (value.isEmpty()) {
            out.add(FieldError.required(path, ""));
            return;
        }
        for (String m : LabelSyntax.dns1035Label(value)) out.add(FieldError.invalid(path, value, m));
    }
}

package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.Statuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decoding of request bodies: JSON, YAML or protobuf by Content-Type, the kind checked against
 * the URL, and the values checked against the kind's schema by decoding into its fabric8 model.
 */
public final class Bodies {
    static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

    private Bodies() {}

    /** The media type without parameters, lower-case; JSON when absent. */
    static String mediaType(ApiRequest req) {
        String ct = req.header("content-type");
        if (ct == null || ct.isBlank()) return "application/json";
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Parses a body as JSON, YAML or protobuf (by media type); malformed input is a 400. */
    static JsonNode parse(ApiRequest req) {
        String mt = mediaType(req);
        if (req.body().length == 0) throw Statuses.badRequest("the request body is empty; expected an object");
        try {
            if (mt.endsWith("yaml") || mt.equals("application/apply-patch+yaml")) return Json.parseYaml(req.body());
            if (mt.equals(PROTOBUF)) return ProtobufBodies.decode(req.body());
            if (mt.contains("protobuf"))
                throw Statuses.unsupportedMediaType(List.of("application/json", "application/yaml"));
            return Json.parse(req.body());
        } catch (JacksonException e) {
            throw Statuses.badRequest("couldn't get version/kind; " + (mt.endsWith("yaml") ? "yaml" : "json")
                    + " parse error: " + firstLine(e.getOriginalMessage()));
        }
    }

    /** Parses an object of {@code type} from the body, checking apiVersion and kind against the URL. */
    public static ObjectNode object(ApiRequest req, ResourceType type) {
        JsonNode node = parse(req);
        if (!(node instanceof ObjectNode obj)) {
            throw Statuses.badRequest(
                    "couldn't get version/kind; json parse error: expected an object, got " + node.getNodeType());
        }
        checkKind(obj, type);
        return obj;
    }

    static void checkKind(ObjectNode obj, ResourceType type) {
        String apiVersion = Json.text(obj, "apiVersion");
        String kind = Json.text(obj, "kind");
        if (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw Statuses.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        if (kind != null && !kind.isEmpty() && !kind.equals(type.kind())) {
            throw Statuses.badRequest(kind + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": the kind in the data (" + kind + ") does not match the kind of the URL ("
                    + type.kind() + ")");
        }
    }

    /**
     * Decodes into the fabric8 model to reject ill-typed values (400), and under
     * {@code fieldValidation=Strict} fields the kind does not have and keys the body repeats,
     * in upstream's words ("strict decoding error: duplicate field \"a\", unknown field \"b\"");
     * under {@code Warn} (the default) each becomes a {@code Warning} header instead.
     *
     * @param mode the validated {@link FieldValidation} mode
     * @param duplicates the body's repeated keys ({@link DuplicateFields}); empty when there was no body
     * @return warnings to send back
     */
    static List<String> checkSchema(
            ObjectNode obj, ResourceType type, String mode, List<String> duplicates, UnknownFieldScan scan) {
        Object typed;
        try {
            typed = Json.convert(obj, type.model());
        } catch (JacksonException e) {
            throw Statuses.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": " + firstLine(e.getOriginalMessage()) + pathOf(e));
        }
        List<String> problems = new ArrayList<>();
        for (String d : duplicates) problems.add("duplicate field \"" + d + "\"");
        for (String u : scan.paths(typed)) problems.add("unknown field \"" + u + "\"");
        if (problems.isEmpty() || mode.equals(FieldValidation.IGNORE)) return List.of();
        if (mode.equals(FieldValidation.STRICT)) {
            throw Statuses.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": strict decoding error: " + String.join(", ", problems));
        }
        return problems;
    }

    /** The keys a create or update body repeats (none for protobuf, which cannot repeat them). */
    static List<String> duplicates(ApiRequest req) {
        String mt = mediaType(req);
        if (mt.contains("protobuf") || req.body().length == 0) return List.of();
        return DuplicateFields.paths(req.body(), mt.endsWith("yaml"));
    }

    /**
     * Upstream's checkName: a write may not move an object to another name or namespace. The
     * name must be the one on the URL; a namespace, when the object names one, too.
     */
    static void checkIdentity(ObjectNode obj, String name, String namespace, boolean nameRequired) {
        String objName = Json.text(obj.path("metadata"), "name");
        if (objName == null) objName = "";
        if ((nameRequired || !objName.isEmpty()) && !objName.equals(name)) {
            throw Statuses.badRequest(
                    "the name of the object (" + objName + ") does not match the name on the URL (" + name + ")");
        }
        String objNs = Json.text(obj.path("metadata"), "namespace");
        if (namespace != null && objNs != null && !objNs.isEmpty() && !objNs.equals(namespace)) {
            throw Statuses.badRequest("the namespace of the object (" + objNs
                    + ") does not match the namespace on the URL (" + namespace + ")");
        }
    }

    private static String pathOf(JacksonException e) {
        String p = e.getPathReference();
        return p == null ? "" : " (at " + p + ")";
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

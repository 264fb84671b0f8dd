package io.everynode.apiserver.rest;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.json.Json;
import io.everynode.apiserver.resource.ResourceType;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decoding of request bodies: JSON or YAML by Content-Type, the kind checked against the URL,
 * and the values checked against the kind's schema by decoding into its fabric8 model.
 */
final class Bodies {
    private Bodies() {}

    /** The media type without parameters, lower-case; JSON when absent. */
    static String mediaType(ApiRequest req) {
        String ct = req.header("content-type");
        if (ct == null || ct.isBlank()) return "application/json";
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** Parses a body as JSON or YAML (by media type); malformed input is a 400. */
    static JsonNode parse(ApiRequest req) {
        String mt = mediaType(req);
        if (req.body().length == 0) throw Statuses.badRequest("the request body is empty; expected an object");
        try {
            if (mt.endsWith("yaml") || mt.equals("application/apply-patch+yaml")) return Json.parseYaml(req.body());
            if (mt.contains("protobuf")) {
                throw Statuses.unsupportedMediaType(mt);
            }
            return Json.parse(req.body());
        } catch (JacksonException e) {
            throw Statuses.badRequest("couldn't get version/kind; " + (mt.endsWith("yaml") ? "yaml" : "json")
                    + " parse error: " + firstLine(e.getOriginalMessage()));
        }
    }

    /** Parses an object of {@code type} from the body, checking apiVersion and kind against the URL. */
    static ObjectNode object(ApiRequest req, ResourceType type) {
        if (mediaType(req).equals("application/vnd.kubernetes.protobuf")) {
            ObjectNode obj = ProtobufBodies.decode(req.body(), type);
            checkKind(obj, type);
            return obj;
        }
        JsonNode node = parse(req);
        if (!(node instanceof ObjectNode obj)) {
            throw Statuses.badRequest("couldn't get version/kind; json parse error: expected an object, got " + node.getNodeType());
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
                    + type.kind() + ": the kind in the data (" + kind + ") does not match the kind of the URL (" + type.kind() + ")");
        }
    }

    /**
     * Decodes into the fabric8 model to reject ill-typed values (400), and under
     * {@code fieldValidation=Strict} fields the kind does not have; under {@code Warn} (the
     * default) each unknown field becomes a {@code Warning} header instead.
     *
     * @return warnings to send back
     */
    static List<String> checkSchema(ObjectNode obj, ResourceType type, String fieldValidation, UnknownFieldScan scan) {
        Object typed;
        try {
            typed = Json.convert(obj, type.model());
        } catch (JacksonException e) {
            throw Statuses.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": " + firstLine(e.getOriginalMessage()) + pathOf(e));
        }
        List<String> unknown = scan.paths(typed);
        if (unknown.isEmpty()) return List.of();
        String mode = fieldValidation == null ? "Warn" : fieldValidation;
        if (mode.equals("Strict")) {
            StringBuilder b = new StringBuilder();
            for (String u : unknown) {
                if (b.length() > 0) b.append(", ");
                b.append("unknown field \"").append(u).append('"');
            }
            throw Statuses.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": strict decoding error: " + b);
        }
        if (mode.equals("Warn")) return unknown.stream().map(u -> "unknown field \"" + u + "\"").toList();
        return List.of();
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

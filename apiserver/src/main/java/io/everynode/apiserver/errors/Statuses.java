package io.everynode.apiserver.errors;

import io.everynode.api.json.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builders for the {@code Status} failures kube-apiserver answers with, worded as upstream words
 * them so kubectl prints what it prints against a real cluster (kubectl-contract.md §1.9).
 * {@code details.kind} is the resource (plural) for NotFound, AlreadyExists and Conflict, and
 * the Kind for Invalid: kubectl prints the latter verbatim after "The".
 */
public final class Statuses {
    private Statuses() {}

    /** One cause of an Invalid status: the field path, upstream reason and message. */
    public record Cause(String field, String reason, String message) {}

    public static ApiException notFound(String group, String resource, String name) {
        return failure(
                404,
                "NotFound",
                qualified(group, resource) + " \"" + name + "\" not found",
                details(name, group, resource));
    }

    public static ApiException namespaceNotFound(String namespace) {
        return notFound("", "namespaces", namespace);
    }

    public static ApiException alreadyExists(String group, String resource, String name) {
        return failure(
                409,
                "AlreadyExists",
                qualified(group, resource) + " \"" + name + "\" already exists",
                details(name, group, resource));
    }

    public static ApiException conflict(String group, String resource, String name, String why) {
        return failure(
                409,
                "Conflict",
                "Operation cannot be fulfilled on " + qualified(group, resource) + " \"" + name + "\": " + why,
                details(name, group, resource));
    }

    public static ApiException staleResourceVersion(String group, String resource, String name) {
        return conflict(
                group,
                resource,
                name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    /** 422: "{Kind}.{group} "{name}" is invalid: [causes]". */
    public static ApiException invalid(String group, String kind, String name, List<Cause> causes) {
        ObjectNode d = details(name, group, kind);
        ArrayNode arr = d.putArray("causes");
        StringBuilder msg = new StringBuilder();
        for (Cause c : causes) {
            ObjectNode o = arr.addObject();
            o.put("reason", c.reason());
            o.put("message", c.message());
            o.put("field", c.field());
            if (msg.length() > 0) msg.append(", ");
            msg.append(c.field()).append(": ").append(c.message());
        }
        String all = causes.size() == 1 ? msg.toString() : "[" + msg + "]";
        String q = group.isEmpty() ? kind : kind + "." + group;
        return failure(422, "Invalid", q + " \"" + name + "\" is invalid: " + all, d);
    }

    public static ApiException badRequest(String message) {
        return failure(400, "BadRequest", message, null);
    }

    public static ApiException forbidden(String group, String resource, String name, String why) {
        String target = name == null || name.isEmpty()
                ? qualified(group, resource)
                : qualified(group, resource) + " \"" + name + "\"";
        return failure(403, "Forbidden", target + " is forbidden: " + why, details(name, group, resource));
    }

    public static ApiException methodNotAllowed(String message) {
        return failure(405, "MethodNotAllowed", message, null);
    }

    public static ApiException notAcceptable(String message) {
        return failure(406, "NotAcceptable", message, null);
    }

    /** 415 in upstream's words: "the body of the request was in an unknown format - accepted media types include: ...". */
    public static ApiException unsupportedMediaType(List<String> accepted) {
        return failure(
                415,
                "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: "
                        + String.join(", ", accepted),
                null);
    }

    public static ApiException tooLarge(long limit) {
        return failure(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit, null);
    }

    public static ApiException gone(String message) {
        return failure(410, "Expired", message, null);
    }

    /** {@code e} with {@code metadata.continue} on its Status: a 410 for a compacted continue token offers a fresh one. */
    public static ApiException withContinue(ApiException e, String token) {
        ObjectNode s = e.status();
        ((ObjectNode) s.get("metadata")).put("continue", token);
        return new ApiException(e.code(), e.getMessage(), s);
    }

    public static ApiException tooManyRequests(String message) {
        return failure(429, "TooManyRequests", message, null);
    }

    /**
     * The store did not answer in time or could not be reached (etcd without quorum): what
     * kube-apiserver answers for a request that ran out of time on etcd, 504 reason Timeout.
     */
    public static ApiException storeTimeout(String message) {
        return failure(504, "Timeout", "Timeout: request did not complete within requested timeout - " + message, null);
    }

    public static ApiException internal(String message) {
        return failure(500, "InternalError", "Internal error occurred: " + message, null);
    }

    public static ApiException pathNotFound() {
        return failure(404, "NotFound", "the server could not find the requested resource", null);
    }

    public static ObjectNode success(String group, String resource, String name, String uid) {
        ObjectNode s = base();
        s.put("status", "Success");
        ObjectNode d = details(name, group, resource);
        if (uid != null) d.put("uid", uid);
        s.set("details", d);
        return s;
    }

    public static ApiException failure(int code, String reason, String message, ObjectNode details) {
        ObjectNode s = base();
        s.put("status", "Failure");
        s.put("message", message);
        s.put("reason", reason);
        if (details != null) s.set("details", details);
        s.put("code", code);
        return new ApiException(code, message, s);
    }

    private static ObjectNode base() {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        return s;
    }

    private static ObjectNode details(String name, String group, String kind) {
        ObjectNode d = Json.object();
        if (name != null && !name.isEmpty()) d.put("name", name);
        if (group != null && !group.isEmpty()) d.put("group", group);
        d.put("kind", kind);
        return d;
    }

    private static String qualified(String group, String resource) {
        return group == null || group.isEmpty() ? resource : resource + "." + group;
    }
}

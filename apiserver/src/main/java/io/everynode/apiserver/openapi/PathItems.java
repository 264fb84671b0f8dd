package io.everynode.apiserver.openapi;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The paths of one resource in its group-version document, with upstream's operations: list,
 * create and deletecollection on the collection, list across namespaces, read, replace, patch and
 * delete on an object, and read, replace and patch on its status subresource. Every operation
 * carries {@code x-kubernetes-group-version-kind} and {@code x-kubernetes-action}; every PATCH
 * carries the {@code dryRun}, {@code fieldManager}, {@code fieldValidation} and {@code force}
 * parameters, which is how kubectl learns the server validates fields itself
 * (kubectl-contract.md §1.3), and names the strategic merge content type only for kinds that
 * support it, which is how kubectl decides to compute its patches from these schemas.
 */
final class PathItems {
    private static final String REF = "#/components/schemas/";
    private static final List<String> PATCH_TYPES = List.of(
            "application/apply-patch+yaml",
            "application/json-patch+json",
            "application/merge-patch+json",
            "application/strategic-merge-patch+json");

    private final ResourceType type;
    private final SchemaProvider.KindSchema schema;
    private final String operationKind;

    PathItems(ResourceType type, SchemaProvider.KindSchema schema) {
        this.type = type;
        this.schema = schema;
        this.operationKind = groupPrefix(type) + capitalize(type.version());
    }

    /** Adds this resource's paths to a document's {@code paths}. */
    void addTo(ObjectNode paths) {
        String root = (type.group().isEmpty() ? "/api/" : "/apis/" + type.group() + "/") + type.version() + "/";
        String scope = type.namespaced() ? "Namespaced" : "";
        String collection = root + (type.namespaced() ? "namespaces/{namespace}/" : "") + type.resource();
        String object = collection + "/{name}";

        ObjectNode c = paths.putObject(collection);
        pathParameters(c, false);
        if (schema.listName() != null) {
            c.set("get", op("list" + operationKind + scope + type.kind(), "list", schema.listName(), null));
        }
        c.set("post", op("create" + operationKind + scope + type.kind(), "post", schema.name(), body(schema.name())));
        c.set(
                "delete",
                op(
                        "deletecollection" + operationKind + scope + type.kind(),
                        "deletecollection",
                        SchemaNames.META + "Status",
                        body(SchemaNames.META + "DeleteOptions")));

        ObjectNode o = paths.putObject(object);
        pathParameters(o, true);
        o.set("get", op("read" + operationKind + scope + type.kind(), "get", schema.name(), null));
        o.set("put", op("replace" + operationKind + scope + type.kind(), "put", schema.name(), body(schema.name())));
        o.set("patch", patch("patch" + operationKind + scope + type.kind()));
        o.set(
                "delete",
                op(
                        "delete" + operationKind + scope + type.kind(),
                        "delete",
                        SchemaNames.META + "Status",
                        body(SchemaNames.META + "DeleteOptions")));

        if (type.namespaced() && schema.listName() != null) {
            ObjectNode all = paths.putObject(root + type.resource());
            all.set(
                    "get",
                    op("list" + operationKind + type.kind() + "ForAllNamespaces", "list", schema.listName(), null));
        }
        if (type.subresources().contains("status")) {
            ObjectNode s = paths.putObject(object + "/status");
            pathParameters(s, true);
            s.set("get", op("read" + operationKind + scope + type.kind() + "Status", "get", schema.name(), null));
            s.set(
                    "put",
                    op(
                            "replace" + operationKind + scope + type.kind() + "Status",
                            "put",
                            schema.name(),
                            body(schema.name())));
            s.set("patch", patch("patch" + operationKind + scope + type.kind() + "Status"));
        }
    }

    private ObjectNode patch(String operationId) {
        ObjectNode content = Json.object();
        for (String mediaType : PATCH_TYPES) {
            if (mediaType.contains("strategic") && !schema.strategicMerge()) continue;
            content.putObject(mediaType).putObject("schema").put("$ref", REF + SchemaNames.PATCH);
        }
        ObjectNode body = Json.object();
        body.set("content", content);
        body.put("required", true);
        ObjectNode op = op(operationId, "patch", schema.name(), body);
        ArrayNode params = op.putArray("parameters");
        query(params, "dryRun", "string");
        query(params, "fieldManager", "string");
        query(params, "fieldValidation", "string");
        query(params, "force", "boolean");
        return op;
    }

    private ObjectNode op(String operationId, String action, String response, ObjectNode requestBody) {
        ObjectNode op = Json.object();
        op.putArray("tags").add(operationKind.substring(0, 1).toLowerCase() + operationKind.substring(1));
        op.put("operationId", operationId);
        if (requestBody != null) op.set("requestBody", requestBody);
        ObjectNode ok = op.putObject("responses").putObject("200");
        ok.put("description", "OK");
        ok.putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("$ref", REF + response);
        op.put("x-kubernetes-action", action);
        ObjectNode gvk = op.putObject("x-kubernetes-group-version-kind");
        gvk.put("group", type.group());
        gvk.put("kind", type.kind());
        gvk.put("version", type.version());
        return op;
    }

    private static ObjectNode body(String component) {
        ObjectNode b = Json.object();
        b.putObject("content").putObject("application/json").putObject("schema").put("$ref", REF + component);
        return b;
    }

    private void pathParameters(ObjectNode item, boolean named) {
        ArrayNode params = item.putArray("parameters");
        if (named) pathParameter(params, "name");
        if (type.namespaced()) pathParameter(params, "namespace");
    }

    private static void pathParameter(ArrayNode params, String name) {
        ObjectNode p = params.addObject();
        p.put("name", name);
        p.put("in", "path");
        p.put("required", true);
        p.putObject("schema").put("type", "string");
        p.put("uniqueItems", true);
    }

    private static void query(ArrayNode params, String name, String schemaType) {
        ObjectNode p = params.addObject();
        p.put("name", name);
        p.put("in", "query");
        p.putObject("schema").put("type", schemaType);
        p.put("uniqueItems", true);
    }

    /** Upstream's operation prefix of a group: "" → Core, rbac.authorization.k8s.io → RbacAuthorization. */
    static String groupPrefix(ResourceType t) {
        if (t.group().isEmpty()) return "Core";
        StringBuilder b = new StringBuilder();
        for (String part : t.group().replace(".k8s.io", "").split("\\.")) b.append(capitalize(part));
        return b.toString();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

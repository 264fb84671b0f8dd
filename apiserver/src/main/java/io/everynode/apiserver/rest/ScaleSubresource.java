package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.selector.Selector;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.errors.Statuses.Cause;
import io.everynode.apiserver.patch.JsonMergePatch;
import io.everynode.apiserver.patch.JsonPatch;
import io.everynode.apiserver.patch.PatchException;
import io.everynode.apiserver.patch.StrategicMergePatch;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.Registry;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code scale} subresource of Deployments and ReplicaSets: an autoscaling/v1 {@code Scale}
 * seen through the object (spec.replicas, status.replicas, the selector as a string). GET reads
 * it; PUT and PATCH (JSON, merge, strategic) change {@code spec.replicas} only, a resourceVersion
 * in a PUT body being a precondition. What {@code kubectl scale} uses.
 */
final class ScaleSubresource {
    private final Registry registry;

    ScaleSubresource(Registry registry) {
        this.registry = registry;
    }

    void handle(ApiRequest req, ApiResponse resp, ResourceType type, String ns, String name) {
        switch (req.method()) {
            case "GET" -> Output.raw(resp, 200, scaleOf(registry.get(type, ns, name)));
            case "PUT" -> {
                if (!(Bodies.parse(req) instanceof ObjectNode body))
                    throw Statuses.badRequest("the request body must be a Scale object");
                String rv = body.path("metadata").path("resourceVersion").asString("");
                Output.raw(resp, 200, write(type, ns, name, current -> body, rv, RestHandler.dryRun(req)));
            }
            case "PATCH" -> {
                String mt = Bodies.mediaType(req);
                JsonNode patch = Bodies.parse(req);
                Output.raw(
                        resp,
                        200,
                        write(type, ns, name, current -> applyPatch(mt, current, patch), "", RestHandler.dryRun(req)));
            }
            default ->
                throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private interface ScaleChange {
        ObjectNode apply(ObjectNode currentScale);
    }

    /** Applies the change to the object's Scale and writes the resulting replicas back; answers the new Scale. */
    private ObjectNode write(ResourceType type, String ns, String name, ScaleChange change, String rv, boolean dryRun) {
        ObjectNode result = registry.patch(
                type,
                ns,
                name,
                current -> {
                    ObjectNode scale = change.apply(scaleOf(current));
                    JsonNode replicas = scale.path("spec").path("replicas");
                    int n = replicas.isMissingNode() || replicas.isNull() ? 0 : replicas.asInt();
                    if (!replicas.isMissingNode() && !replicas.isNull() && !replicas.isIntegralNumber())
                        throw Statuses.badRequest("spec.replicas must be an integer");
                    if (n < 0)
                        throw Statuses.invalid(
                                "autoscaling",
                                "Scale",
                                name,
                                List.of(new Cause(
                                        "spec.replicas",
                                        "FieldValueInvalid",
                                        "Invalid value: " + n + ": must be greater than or equal to 0")));
                    Json.child(current, "spec").put("replicas", n);
                    if (!rv.isEmpty()) Meta.of(current).put("resourceVersion", rv);
                    return current;
                },
                Registry.Part.MAIN,
                dryRun);
        return scaleOf(result);
    }

    private static ObjectNode applyPatch(String mt, ObjectNode scale, JsonNode patch) {
        try {
            JsonNode out = switch (mt) {
                case "application/json-patch+json" -> JsonPatch.apply(scale, patch);
                case "application/merge-patch+json" -> JsonMergePatch.apply(scale, patch);
                default -> StrategicMergePatch.forKind("Scale").apply(scale, patch);
            };
            if (!(out instanceof ObjectNode obj)) throw Statuses.badRequest("the patch did not produce an object");
            return obj;
        } catch (PatchException e) {
            throw e.reason().httpStatus() == 400
                    ? Statuses.badRequest(e.getMessage())
                    : Statuses.failure(422, "Invalid", e.getMessage(), null);
        }
    }

    /** The autoscaling/v1 Scale of a Deployment or ReplicaSet. */
    static ObjectNode scaleOf(ObjectNode obj) {
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        JsonNode m = obj.path("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (m.has(f)) meta.set(f, m.get(f).deepCopy());
        }
        scale.putObject("spec")
                .put("replicas", obj.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", obj.path("status").path("replicas").asInt(0));
        JsonNode selector = obj.path("spec").path("selector");
        if (selector.isObject()) {
            status.put(
                    "selector",
                    Selector.from(Json.convert(selector, LabelSelector.class)).toString());
        }
        return scale;
    }
}

package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.crd.CustomVersion;
import io.everynode.apiserver.crd.ScaleView;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.patch.JsonMergePatch;
import io.everynode.apiserver.patch.JsonPatch;
import io.everynode.apiserver.patch.PatchException;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.Registry;
import io.everynode.apiserver.registry.Registry.Part;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code <custom resource>/scale}: GET answers an autoscaling/v1 Scale; PUT and PATCH (JSON,
 * merge or strategic merge, which for a Scale are the same) change the replica count at the
 * version's specReplicasPath, with a Scale's resourceVersion as a precondition.
 */
final class CustomScaleSubresource {
    private final Registry registry;

    CustomScaleSubresource(Registry registry) {
        this.registry = registry;
    }

    void handle(ApiRequest req, ApiResponse resp, Route route, CustomVersion version, boolean dryRun) {
        String ns = route.type().namespaced() ? route.namespace() : null;
        String name = route.name();
        switch (req.method()) {
            case "GET" -> send(resp, ScaleView.of(registry.get(route.type(), ns, name), version));
            case "PUT", "PATCH" -> {
                JsonNode body = Bodies.parse(req);
                boolean put = req.method().equals("PUT");
                ObjectNode updated = registry.patch(
                        route.type(),
                        ns,
                        name,
                        cur -> {
                            ObjectNode scale = ScaleView.of(cur, version);
                            JsonNode wanted = put ? body : patched(scale, body, Bodies.mediaType(req));
                            String rv = Meta.resourceVersion(wanted);
                            if (rv != null && !rv.isEmpty() && !rv.equals(Meta.resourceVersion(cur)))
                                throw Statuses.staleResourceVersion(
                                        route.type().group(), route.type().resource(), name);
                            ScaleView.setReplicas(cur, version, wanted);
                            return cur;
                        },
                        Part.MAIN,
                        dryRun);
                send(resp, ScaleView.of(updated, version));
            }
            default ->
                throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private static JsonNode patched(ObjectNode scale, JsonNode patch, String mediaType) {
        try {
            return mediaType.equals("application/json-patch+json")
                    ? JsonPatch.apply(scale, patch)
                    : JsonMergePatch.apply(scale, patch);
        } catch (PatchException e) {
            throw Statuses.badRequest(e.getMessage());
        }
    }

    private static void send(ApiResponse resp, ObjectNode scale) {
        resp.send(200, "application/json", Json.bytes(scale));
    }
}

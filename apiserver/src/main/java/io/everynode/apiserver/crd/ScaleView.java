package io.everynode.apiserver.crd;

import io.everynode.api.json.Json;
import io.everynode.apiserver.errors.Statuses;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scale subresource of a custom resource: an autoscaling/v1 Scale read through the
 * version's specReplicasPath, statusReplicasPath and labelSelectorPath, and a replica count
 * written back at specReplicasPath. Stateless.
 */
public final class ScaleView {
    private ScaleView() {}

    /** The Scale of {@code obj} (replicas default to 0 when the paths find nothing). */
    public static ObjectNode of(ObjectNode obj, CustomVersion version) {
        CustomVersion.Scale paths = version.scale();
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        JsonNode m = obj.path("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp"))
            if (m.has(f)) meta.set(f, m.get(f).deepCopy());
        scale.putObject("spec")
                .put("replicas", first(obj, paths.specReplicasPath()).asLong(0));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", first(obj, paths.statusReplicasPath()).asLong(0));
        if (paths.labelSelectorPath() != null && !paths.labelSelectorPath().isEmpty()) {
            JsonNode sel = first(obj, paths.labelSelectorPath());
            if (sel.isString() && !sel.asString().isEmpty()) status.put("selector", sel.asString());
        }
        return scale;
    }

    /** Writes the replica count a Scale asks for into {@code obj}; a negative count is a 422. */
    public static void setReplicas(ObjectNode obj, CustomVersion version, JsonNode scale) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isIntegralNumber() || replicas.asLong() < 0) {
            throw Statuses.invalid(
                    "autoscaling",
                    "Scale",
                    obj.path("metadata").path("name").asString(""),
                    List.of(new Statuses.Cause(
                            "spec.replicas",
                            "FieldValueInvalid",
                            "Invalid value: " + replicas + ": must be greater than or equal to 0")));
        }
        JsonPathLite.parse(version.scale().specReplicasPath()).set(obj, replicas.deepCopy());
    }

    private static JsonNode first(ObjectNode obj, String path) {
        List<JsonNode> found = JsonPathLite.parse(path).find(obj);
        return found.isEmpty() ? Json.object().path("missing") : found.get(0);
    }
}

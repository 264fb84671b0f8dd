package io.everynode.apiserver.strategy;

import io.everynode.apiserver.json.Json;
import io.everynode.apiserver.registry.Strategy;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Nodes: status written through {@code nodes/status}; {@code spec.unschedulable} is selectable. */
final class NodeStrategy implements Strategy {
    @Override
    public boolean hasStatusSubresource() {
        return true;
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode obj) {
        return Map.of("spec.unschedulable", Boolean.toString(obj.path("spec").path("unschedulable").asBoolean(false)));
    }

    /** Registration may carry an initial status (as the kubelet's does); later main writes keep it. */
    @Override
    public void prepareForCreate(ObjectNode obj, io.everynode.apiserver.registry.WriteContext ctx) {
        Json.child(obj, "spec");
    }
}

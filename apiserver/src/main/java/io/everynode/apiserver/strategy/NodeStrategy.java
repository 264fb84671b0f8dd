package io.everynode.apiserver.strategy;

import io.everynode.api.defaults.Defaults;
import io.everynode.api.validation.FieldError;
import io.everynode.api.validation.NodeValidation;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nodes: a registration may carry an initial status (as the kubelet's does); afterwards status
 * is written through {@code nodes/status}. {@code spec.unschedulable} is selectable.
 */
final class NodeStrategy extends TypedStrategy<Node> {
    NodeStrategy() {
        super(Node.class, KindTraits.STATUS);
    }

    @Override
    void applyDefaults(Node obj, WriteContext ctx) {
        Defaults.defaultNode(obj);
    }

    @Override
    List<FieldError> validateCreate(Node obj, WriteContext ctx) {
        return NodeValidation.validateCreate(obj);
    }

    @Override
    List<FieldError> validateUpdate(Node obj, Node old, WriteContext ctx) {
        return NodeValidation.validateUpdate(obj, old);
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode obj) {
        return Map.of(
                "spec.unschedulable",
                Boolean.toString(obj.path("spec").path("unschedulable").asBoolean(false)));
    }
}

package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.Node;
import java.util.List;

/** Node validation: cluster-scoped DNS-subdomain name, taint syntax (key, effect, no duplicate key+effect). */
public final class NodeValidation {
    private NodeValidation() {}

    public static List<FieldError> validateCreate(Node node) {
        List<FieldError> errs =
                ObjectMetaValidation.validate(node.getMetadata(), false, ObjectMetaValidation.NameRule.DNS_SUBDOMAIN);
        spec(errs, node);
        return errs;
    }

    public static List<FieldError> validateUpdate(Node newNode, Node oldNode) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(newNode.getMetadata(), oldNode.getMetadata());
        spec(errs, newNode);
        return errs;
    }

    private static void spec(List<FieldError> errs, Node node) {
        if (node.getSpec() != null) {
            TolerationValidation.taints(errs, node.getSpec().getTaints(), "spec.taints");
        }
    }
}

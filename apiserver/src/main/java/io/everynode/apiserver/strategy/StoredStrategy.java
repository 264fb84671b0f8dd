package io.everynode.apiserver.strategy;

import io.everynode.api.json.Json;
import io.everynode.api.validation.FieldError;
import io.everynode.api.validation.ObjectMetaValidation;
import io.everynode.api.validation.ObjectMetaValidation.NameRule;
import io.everynode.apiserver.errors.Statuses.Cause;
import io.everynode.apiserver.registry.Strategy;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The strategy of a kind that is stored and validated but has no behaviour of its own here
 * (RBAC objects, storage classes, webhook configurations, ...): metadata is checked as upstream's
 * ValidateObjectMeta does, with the kind's name rule; the rest of the object is kept exactly as
 * the client sent it (no decode and re-encode, so nothing is reordered or dropped).
 */
final class StoredStrategy implements Strategy {
    private final boolean namespaced;
    private final NameRule nameRule;
    private final KindTraits traits;

    StoredStrategy(boolean namespaced, NameRule nameRule, KindTraits traits) {
        this.namespaced = namespaced;
        this.nameRule = nameRule;
        this.traits = traits;
    }

    @Override
    public boolean hasGeneration() {
        return traits.generation();
    }

    @Override
    public boolean hasStatusSubresource() {
        return traits.statusSubresource();
    }

    @Override
    public List<Cause> validateCreate(ObjectNode obj, WriteContext ctx) {
        return TypedStrategy.causes(ObjectMetaValidation.validate(meta(obj), namespaced, nameRule));
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(meta(obj), meta(old));
        return TypedStrategy.causes(errs);
    }

    private static ObjectMeta meta(ObjectNode obj) {
        JsonNode m = obj.get("metadata");
        return m == null || !m.isObject() ? null : Json.convert((ObjectNode) m, ObjectMeta.class);
    }
}

package io.everynode.apiserver.strategy;

import io.everynode.api.validation.ControllerRevisionValidation;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.util.List;

/** ControllerRevisions: data required and immutable, revision ≥ 0 (R6.7). */
final class ControllerRevisionStrategy extends TypedStrategy<ControllerRevision> {
    ControllerRevisionStrategy() {
        super(ControllerRevision.class);
    }

    @Override
    List<FieldError> validateCreate(ControllerRevision obj, WriteContext ctx) {
        return ControllerRevisionValidation.validateCreate(obj);
    }

    @Override
    List<FieldError> validateUpdate(ControllerRevision obj, ControllerRevision old, WriteContext ctx) {
        return ControllerRevisionValidation.validateUpdate(obj, old);
    }
}

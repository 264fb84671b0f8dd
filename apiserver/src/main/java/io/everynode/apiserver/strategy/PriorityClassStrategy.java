package io.everynode.apiserver.strategy;

import io.everynode.api.defaults.Defaults;
import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.api.validation.FieldError;
import io.everynode.api.validation.PriorityClassValidation;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.List;

/**
 * PriorityClasses (R8.2): reserved {@code system-} names, the user value ceiling, immutable value
 * and preemptionPolicy, and at most one global default among the existing classes.
 */
final class PriorityClassStrategy extends TypedStrategy<PriorityClass> {
    PriorityClassStrategy() {
        super(PriorityClass.class);
    }

    @Override
    void applyDefaults(PriorityClass obj, WriteContext ctx) {
        Defaults.defaultPriorityClass(obj);
    }

    @Override
    List<FieldError> validateCreate(PriorityClass obj, WriteContext ctx) {
        return admit(obj, PriorityClassValidation.validateCreate(obj, others(obj, ctx)));
    }

    @Override
    List<FieldError> validateUpdate(PriorityClass obj, PriorityClass old, WriteContext ctx) {
        return admit(obj, PriorityClassValidation.validateUpdate(obj, old, others(obj, ctx)));
    }

    /**
     * A second global default is refused by upstream's priority admission plugin, not by
     * validation: 403 Forbidden rather than 422 Invalid.
     */
    private static List<FieldError> admit(PriorityClass pc, List<FieldError> errors) {
        for (FieldError e : errors) {
            if (e.field().equals("globalDefault") && e.type() == FieldError.Type.FORBIDDEN) {
                throw Statuses.forbidden(
                        "scheduling.k8s.io", "priorityclasses", pc.getMetadata().getName(), e.detail());
            }
        }
        return errors;
    }

    private static List<PriorityClass> others(PriorityClass self, WriteContext ctx) {
        return ctx.lookup().listConsistent(ResourceTypes.PRIORITY_CLASSES, null).stream()
                .filter(o -> !Meta.name(o).equals(self.getMetadata().getName()))
                .map(o -> Json.convert(o, PriorityClass.class))
                .toList();
    }
}

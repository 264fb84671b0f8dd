package io.everynode.apiserver.strategy;

import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * A controller of pods other than a DaemonSet (Deployment, ReplicaSet, StatefulSet, Job): its
 * kind's defaults and {@code WorkloadValidation} rule (given the old object on update, null on
 * create), generation on spec writes, status only through its subresource, created with an empty
 * status.
 */
class WorkloadStrategy<T extends HasMetadata> extends TypedStrategy<T> {
    private final Consumer<T> defaults;
    private final BiFunction<T, T, List<FieldError>> rule;

    WorkloadStrategy(Class<T> model, Consumer<T> defaults, BiFunction<T, T, List<FieldError>> rule) {
        super(model, KindTraits.GENERATION_AND_STATUS);
        this.defaults = defaults;
        this.rule = rule;
    }

    @Override
    void applyDefaults(T obj, WriteContext ctx) {
        defaults.accept(obj);
    }

    @Override
    void prepareCreate(ObjectNode obj, WriteContext ctx) {
        obj.putObject("status");
    }

    @Override
    List<FieldError> validateCreate(T obj, WriteContext ctx) {
        return rule.apply(obj, null);
    }

    @Override
    List<FieldError> validateUpdate(T obj, T old, WriteContext ctx) {
        return rule.apply(obj, old);
    }
}

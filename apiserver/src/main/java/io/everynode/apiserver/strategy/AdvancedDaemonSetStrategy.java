package io.everynode.apiserver.strategy;

import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedDaemonSetDefaults;
import io.everynode.api.validation.AdvancedDaemonSetValidation;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.registry.WriteContext;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenKruise's Advanced DaemonSet ({@code apps.kruise.io/v1alpha1}), built in: its webhook's
 * defaults (E7.1) and validation (E7.4), generation bumped on spec writes (by the registry),
 * status only through {@code daemonsets/status}, created with the status OpenKruise's CRD
 * requires (the counters at 0, an empty {@code daemonSetHash}).
 */
final class AdvancedDaemonSetStrategy extends TypedStrategy<AdvancedDaemonSet> {
    AdvancedDaemonSetStrategy() {
        super(AdvancedDaemonSet.class, KindTraits.GENERATION_AND_STATUS);
    }

    @Override
    void applyDefaults(AdvancedDaemonSet obj, WriteContext ctx) {
        AdvancedDaemonSetDefaults.apply(obj);
    }

    @Override
    void prepareCreate(ObjectNode obj, WriteContext ctx) {
        obj.putObject("status")
                .put("currentNumberScheduled", 0)
                .put("numberMisscheduled", 0)
                .put("desiredNumberScheduled", 0)
                .put("numberReady", 0)
                .put("updatedNumberScheduled", 0)
                .put("daemonSetHash", "");
    }

    @Override
    public List<String> warningsOnCreate(ObjectNode obj) {
        return PodSpecWarnings.of(obj.path("spec").path("template").path("spec"), "spec.template.spec");
    }

    @Override
    List<FieldError> validateCreate(AdvancedDaemonSet obj, WriteContext ctx) {
        return AdvancedDaemonSetValidation.validateCreate(obj);
    }

    @Override
    List<FieldError> validateUpdate(AdvancedDaemonSet obj, AdvancedDaemonSet old, WriteContext ctx) {
        return AdvancedDaemonSetValidation.validateUpdate(obj, old);
    }

    @Override
    List<FieldError> validateStatus(AdvancedDaemonSet obj, AdvancedDaemonSet old) {
        return AdvancedDaemonSetValidation.validateStatusUpdate(obj, old);
    }
}

package io.everynode.apiserver.strategy;

import io.everynode.api.defaults.Defaults;
import io.everynode.api.json.Json;
import io.everynode.api.validation.DaemonSetValidation;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * DaemonSets: apps/v1 defaults (R5.1), validation (R6), and the generation bookkeeping of R3.6:
 * created with generation 1, empty status and template generation 1 (surfaced in apps/v1 as the
 * annotation {@code deprecated.daemonset.template.generation}); a spec change bumps generation
 * (done by the registry), a template change bumps the template generation too; status only
 * through {@code daemonsets/status}.
 */
final class DaemonSetStrategy extends TypedStrategy<DaemonSet> {
    static final String TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

    DaemonSetStrategy() {
        super(DaemonSet.class, KindTraits.GENERATION_AND_STATUS);
    }

    @Override
    void applyDefaults(DaemonSet obj, WriteContext ctx) {
        Defaults.defaultDaemonSet(obj);
    }

    @Override
    void prepareCreate(ObjectNode obj, WriteContext ctx) {
        obj.putObject("status")
                .put("currentNumberScheduled", 0)
                .put("numberMisscheduled", 0)
                .put("desiredNumberScheduled", 0)
                .put("numberReady", 0);
        Json.child(Meta.of(obj), "annotations").put(TEMPLATE_GENERATION, "1");
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        super.prepareForUpdate(obj, old, ctx);
        long oldGen =
                parse(Meta.of(old).path("annotations").path(TEMPLATE_GENERATION).asString("1"));
        long gen =
                Json.same(obj.path("spec").path("template"), old.path("spec").path("template")) ? oldGen : oldGen + 1;
        Json.child(Meta.of(obj), "annotations").put(TEMPLATE_GENERATION, Long.toString(gen));
    }

    @Override
    public List<String> warningsOnCreate(ObjectNode obj) {
        return PodSpecWarnings.of(obj.path("spec").path("template").path("spec"), "spec.template.spec");
    }

    @Override
    List<FieldError> validateCreate(DaemonSet obj, WriteContext ctx) {
        return DaemonSetValidation.validateCreate(obj);
    }

    @Override
    List<FieldError> validateUpdate(DaemonSet obj, DaemonSet old, WriteContext ctx) {
        return DaemonSetValidation.validateUpdate(obj, old);
    }

    @Override
    List<FieldError> validateStatus(DaemonSet obj, DaemonSet old) {
        return DaemonSetValidation.validateStatusUpdate(obj, old);
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}

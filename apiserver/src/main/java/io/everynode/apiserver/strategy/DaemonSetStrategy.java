package io.everynode.apiserver.strategy;

import io.everynode.apiserver.json.Json;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.Strategy;
import io.everynode.apiserver.registry.WriteContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * DaemonSets (R3.6): created with generation 1, empty status and template generation 1 (in
 * apps/v1 surfaced as the annotation {@code deprecated.daemonset.template.generation}); a spec
 * change bumps generation, a template change bumps the template generation too; status only
 * through {@code daemonsets/status}.
 */
final class DaemonSetStrategy implements Strategy {
    static final String TEMPLATE_GENERATION = "deprecated.daemonset.template.generation";

    @Override
    public boolean hasGeneration() {
        return true;
    }

    @Override
    public boolean hasStatusSubresource() {
        return true;
    }

    @Override
    public void prepareForCreate(ObjectNode obj, WriteContext ctx) {
        obj.remove("status");
        obj.putObject("status")
                .put("currentNumberScheduled", 0)
                .put("numberMisscheduled", 0)
                .put("desiredNumberScheduled", 0)
                .put("numberReady", 0);
        Json.child(Meta.of(obj), "annotations").put(TEMPLATE_GENERATION, "1");
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        long oldGen = parse(Meta.of(old).path("annotations").path(TEMPLATE_GENERATION).asString("1"));
        long gen = obj.path("spec").path("template").equals(old.path("spec").path("template")) ? oldGen : oldGen + 1;
        Json.child(Meta.of(obj), "annotations").put(TEMPLATE_GENERATION, Long.toString(gen));
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}

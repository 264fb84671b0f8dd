package io.everynode.apiserver.strategy;

import io.everynode.api.Priorities;
import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.WriteContext;
import java.util.Comparator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Priority admission on pod create (R8.3): resolves {@code priorityClassName} (or the global
 * default class, or priority 0) into {@code spec.priority} and {@code spec.preemptionPolicy}.
 * An unknown class, or a given priority that differs from the class's, is Forbidden.
 */
final class PriorityAdmission {
    private PriorityAdmission() {}

    static void admit(ObjectNode pod, WriteContext ctx) {
        ObjectNode spec = Json.child(pod, "spec");
        String name = Json.text(spec, "priorityClassName");
        String podName = Meta.name(pod);
        long value;
        String policy;
        if (name == null || name.isEmpty()) {
            JsonNode def = ctx.lookup().list(ResourceTypes.PRIORITY_CLASSES, null).stream()
                    .filter(pc -> pc.path("globalDefault").asBoolean(false))
                    .min(Comparator.comparingLong(pc -> pc.path("value").asLong())) // R8.2: lowest wins
                    .orElse(null);
            if (def == null) {
                value = Priorities.DEFAULT_PRIORITY;
                policy = Priorities.PREEMPT_LOWER_PRIORITY;
            } else {
                value = def.path("value").asLong();
                policy = def.path("preemptionPolicy").asString(Priorities.PREEMPT_LOWER_PRIORITY);
                spec.put("priorityClassName", Meta.name(def));
            }
        } else {
            ObjectNode pc = ctx.lookup().get(ResourceTypes.PRIORITY_CLASSES, null, name);
            if (pc == null) {
                throw Statuses.forbidden("", "pods", podName, "no PriorityClass with name " + name + " was found");
            }
            value = pc.path("value").asLong();
            policy = pc.path("preemptionPolicy").asString(Priorities.PREEMPT_LOWER_PRIORITY);
        }
        if (spec.has("priority")
                && !spec.get("priority").isNull()
                && spec.get("priority").asLong() != value) {
            throw Statuses.forbidden(
                    "",
                    "pods",
                    podName,
                    "the integer value of priority (" + spec.get("priority").asLong()
                            + ") must not be provided in pod spec; priority admission controller computed " + value
                            + " from the given PriorityClass name");
        }
        String given = Json.text(spec, "preemptionPolicy");
        if (given != null && !given.equals(policy)) {
            throw Statuses.forbidden(
                    "",
                    "pods",
                    podName,
                    "the string value of PreemptionPolicy (" + given
                            + ") must not be provided in pod spec; priority admission controller computed " + policy
                            + " from the given PriorityClass name");
        }
        spec.put("priority", value);
        spec.put("preemptionPolicy", policy);
    }
}

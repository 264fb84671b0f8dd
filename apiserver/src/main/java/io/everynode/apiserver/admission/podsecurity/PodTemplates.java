package io.everynode.apiserver.admission.podsecurity;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where each workload kind keeps its pod template (upstream's {@code DefaultPodSpecExtractor}
 * for the kinds Everynode serves), and the template decoded for the checks.
 */
final class PodTemplates {
    private PodTemplates() {}

    /** A pod's or a template's metadata and spec. */
    record PodShape(ObjectMeta meta, PodSpec spec) {
        static PodShape of(JsonNode metadata, JsonNode spec) {
            ObjectMeta meta = metadata.isObject() ? Json.convert(metadata, ObjectMeta.class) : new ObjectMeta();
            return new PodShape(meta, Json.convert(spec, PodSpec.class));
        }
    }

    private static final Map<ResourceType, String[]> TEMPLATE_PATHS = Map.of(
            ResourceTypes.DAEMONSETS, new String[] {"spec", "template"},
            ResourceTypes.DEPLOYMENTS, new String[] {"spec", "template"},
            ResourceTypes.REPLICA_SETS, new String[] {"spec", "template"},
            ResourceTypes.STATEFUL_SETS, new String[] {"spec", "template"},
            ResourceTypes.JOBS, new String[] {"spec", "template"},
            ResourceTypes.CRON_JOBS, new String[] {"spec", "jobTemplate", "spec", "template"});

    static boolean hasTemplate(ResourceType type) {
        return TEMPLATE_PATHS.containsKey(type);
    }

    /** The template of {@code workload}, or null when it has none (then there is nothing to check). */
    static PodShape of(ResourceType type, ObjectNode workload) {
        JsonNode template = Json.at(workload, TEMPLATE_PATHS.get(type));
        if (template == null || !template.isObject() || !template.path("spec").isObject()) return null;
        return PodShape.of(template.path("metadata"), template.path("spec"));
    }
}

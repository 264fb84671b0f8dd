package io.everynode.apiserver.strategy;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Upstream's warnings for a pod spec (GetWarningsForPod / GetWarningsForPodTemplate), the ones
 * Everynode knows: values that are accepted for compatibility but do not mean what they say.
 */
final class PodSpecWarnings {
    private PodSpecWarnings() {}

    /**
     * @param spec the pod spec
     * @param path where the spec is, e.g. {@code spec} or {@code spec.template.spec}
     */
    static List<String> of(JsonNode spec, String path) {
        List<String> out = new ArrayList<>();
        JsonNode grace = spec.path("terminationGracePeriodSeconds");
        // Upstream stores a negative value (old clients sent them) but treats it as 1 second.
        if (grace.isNumber() && grace.asLong() < 0) {
            out.add(
                    path
                            + ".terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1");
        }
        return out;
    }
}

package io.everynode.api.podsecurity;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;

/**
 * One check of the standards, under upstream's id.
 *
 * @param overrides ids of baseline checks this restricted check replaces at the restricted level
 * @param rule the violation, or null when the pod passes
 */
record Check(String id, Level level, List<String> overrides, Rule rule) {
    @FunctionalInterface
    interface Rule {
        Violation check(ObjectMeta meta, PodSpec spec);
    }

    static Check baseline(String id, Rule rule) {
        return new Check(id, Level.BASELINE, List.of(), rule);
    }

    static Check restricted(String id, List<String> overrides, Rule rule) {
        return new Check(id, Level.RESTRICTED, overrides, rule);
    }
}

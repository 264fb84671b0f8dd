package io.everynode.api.validation;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.Stages;
import java.util.List;
import java.util.Map;

/**
 * E5.6: the stages annotation, when present, parses as {@link Stages#parse} reads it; the error
 * names the annotation and, in its detail, where inside the list the fault is ({@code stage [1]
 * soakSeconds: …}). Pure.
 */
final class StagesAnnotation {
    private StagesAnnotation() {}

    static void check(List<FieldError> errs, Map<String, String> annotations) {
        if (annotations == null || !annotations.containsKey(AdvancedRollout.STAGES)) {
            return;
        }
        String value = annotations.get(AdvancedRollout.STAGES);
        try {
            Stages.parse(value);
        } catch (Stages.Invalid e) {
            String where = e.path().isEmpty() ? "" : e.path() + ": ";
            errs.add(FieldError.invalid(
                    "metadata.annotations[" + AdvancedRollout.STAGES + "]", value, where + e.getMessage()));
        }
    }
}

package io.everynode.api.validation;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.LifecycleHooks;
import java.util.List;
import java.util.Map;

/** E6.5: the lifecycle annotation, when present, is Kruise's {@code spec.lifecycle} as JSON. Pure. */
final class LifecycleAnnotation {
    private LifecycleAnnotation() {}

    static void check(List<FieldError> errs, Map<String, String> annotations) {
        if (annotations == null || !annotations.containsKey(AdvancedRollout.LIFECYCLE)) {
            return;
        }
        String value = annotations.get(AdvancedRollout.LIFECYCLE);
        LifecycleHooks.Parsed p = LifecycleHooks.parse(value);
        if (p.hooks() == null) {
            String where = p.path().isEmpty() ? "" : " at " + p.path();
            errs.add(FieldError.invalid(
                    "metadata.annotations[" + AdvancedRollout.LIFECYCLE + "]",
                    value,
                    "invalid lifecycle" + where + ": " + p.error()));
        }
    }
}

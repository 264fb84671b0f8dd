package io.everynode.api.validation;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.RollingUpdateType;
import java.util.List;
import java.util.Map;

/** E6.5: the rolling-update-type annotation, when present, names one of Kruise's types. Pure. */
final class RollingUpdateTypeAnnotation {
    private RollingUpdateTypeAnnotation() {}

    static void check(List<FieldError> errs, Map<String, String> annotations) {
        if (annotations == null || !annotations.containsKey(AdvancedRollout.ROLLING_UPDATE_TYPE)) {
            return;
        }
        String value = annotations.get(AdvancedRollout.ROLLING_UPDATE_TYPE);
        if (RollingUpdateType.parse(value).isEmpty()) {
            errs.add(FieldError.notSupported(
                    "metadata.annotations[" + AdvancedRollout.ROLLING_UPDATE_TYPE + "]",
                    value,
                    List.of("InPlaceIfPossible", "Standard", "Surging")));
        }
    }
}

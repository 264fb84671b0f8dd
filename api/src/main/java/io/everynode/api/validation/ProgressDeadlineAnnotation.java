package io.everynode.api.validation;

import io.everynode.api.rollout.ProgressDeadline;
import java.util.List;
import java.util.Map;

/** E1.5: the progress-deadline annotation, when present, is a whole number of seconds in range. Pure. */
final class ProgressDeadlineAnnotation {
    private ProgressDeadlineAnnotation() {}

    static void check(List<FieldError> errs, Map<String, String> annotations) {
        if (annotations == null || !annotations.containsKey(ProgressDeadline.ANNOTATION)) {
            return;
        }
        String value = annotations.get(ProgressDeadline.ANNOTATION);
        if (ProgressDeadline.parse(value).isEmpty()) {
            errs.add(FieldError.invalid(
                    "metadata.annotations[" + ProgressDeadline.ANNOTATION + "]",
                    value,
                    "must be a whole number of seconds from 1 to " + ProgressDeadline.MAX_SECONDS));
        }
    }
}

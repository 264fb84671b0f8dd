package io.everynode.api.validation;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.selector.Selector;
import java.util.List;
import java.util.Map;

/** E4.4: the update-selector annotation, when present, is a node label selector in kubectl's text form. Pure. */
final class UpdateSelectorAnnotation {
    private UpdateSelectorAnnotation() {}

    static void check(List<FieldError> errs, Map<String, String> annotations) {
        if (annotations == null || !annotations.containsKey(AdvancedRollout.UPDATE_SELECTOR)) {
            return;
        }
        String value = annotations.get(AdvancedRollout.UPDATE_SELECTOR);
        try {
            Selector.parse(value);
        } catch (IllegalArgumentException e) {
            errs.add(FieldError.invalid(
                    "metadata.annotations[" + AdvancedRollout.UPDATE_SELECTOR + "]",
                    value,
                    "must be a label selector such as node-type=canary: " + e.getMessage()));
        }
    }
}

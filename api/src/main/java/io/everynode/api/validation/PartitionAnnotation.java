package io.everynode.api.validation;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.Partition;
import java.util.List;
import java.util.Map;

/** E4.4: the partition annotation, when present, is a whole number from 0 to {@link Partition#MAX}. Pure. */
final class PartitionAnnotation {
    private PartitionAnnotation() {}

    static void check(List<FieldError> errs, Map<String, String> annotations) {
        if (annotations == null || !annotations.containsKey(AdvancedRollout.PARTITION)) {
            return;
        }
        String value = annotations.get(AdvancedRollout.PARTITION);
        if (Partition.parse(value).isEmpty()) {
            errs.add(FieldError.invalid(
                    "metadata.annotations[" + AdvancedRollout.PARTITION + "]",
                    value,
                    "must be a whole number of nodes from 0 to " + Partition.MAX));
        }
    }
}

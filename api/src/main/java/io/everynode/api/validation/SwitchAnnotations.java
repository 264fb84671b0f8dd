package io.everynode.api.validation;

import io.everynode.api.rollout.RolloutGuard;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * E3.6: {@code everynode.io/paused} (E3.1) and {@code everynode.io/auto-revert} (E3.4), when
 * present, are {@code "true"} or {@code "false"}. On update a value equal to the stored one is let
 * through (ratcheting, as upstream tightens validation): a DaemonSet stored before this check keeps
 * working, and the controller's own writes to it (E3.3) are not refused. Pure.
 */
final class SwitchAnnotations {
    static final List<String> KEYS = List.of(RolloutGuard.PAUSED, RolloutGuard.AUTO_REVERT);

    private SwitchAnnotations() {}

    /** @param stored the annotations before an update; null on create */
    static void check(List<FieldError> errs, Map<String, String> annotations, Map<String, String> stored) {
        if (annotations == null) return;
        for (String key : KEYS) {
            String value = annotations.get(key);
            if (value == null || RolloutGuard.isSwitch(value)) continue;
            if (stored != null && Objects.equals(stored.get(key), value)) continue;
            errs.add(FieldError.invalid("metadata.annotations[" + key + "]", value, "must be \"true\" or \"false\""));
        }
    }
}

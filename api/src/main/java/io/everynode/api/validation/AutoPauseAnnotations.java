package io.everynode.api.validation;

import io.everynode.api.rollout.ProgressDeadline;
import io.everynode.api.rollout.RolloutGuard;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * E3.6: {@code everynode.io/auto-pause-after} (K, E3.2), when present, is a whole number from 1 to
 * 100000, and {@code everynode.io/auto-pause-unready-seconds} whole seconds from 1 to 31622400 (a
 * year, as E1.5). On update a value equal to the stored one is let through, as {@link
 * SwitchAnnotations} does and for the same reason. Pure.
 */
final class AutoPauseAnnotations {
    private AutoPauseAnnotations() {}

    /** @param stored the annotations before an update; null on create */
    static void check(List<FieldError> errs, Map<String, String> annotations, Map<String, String> stored) {
        if (annotations == null) return;
        String after = annotations.get(RolloutGuard.AUTO_PAUSE_AFTER);
        if (after != null
                && RolloutGuard.parseAutoPauseAfter(after).isEmpty()
                && changed(after, stored, RolloutGuard.AUTO_PAUSE_AFTER)) {
            errs.add(FieldError.invalid(
                    "metadata.annotations[" + RolloutGuard.AUTO_PAUSE_AFTER + "]",
                    after,
                    "must be a whole number of pods from 1 to " + RolloutGuard.MAX_AUTO_PAUSE_AFTER));
        }
        String unready = annotations.get(RolloutGuard.UNREADY_SECONDS);
        if (unready != null
                && RolloutGuard.parseUnreadySeconds(unready).isEmpty()
                && changed(unready, stored, RolloutGuard.UNREADY_SECONDS)) {
            errs.add(FieldError.invalid(
                    "metadata.annotations[" + RolloutGuard.UNREADY_SECONDS + "]",
                    unready,
                    "must be a whole number of seconds from 1 to " + ProgressDeadline.MAX_SECONDS));
        }
    }

    private static boolean changed(String value, Map<String, String> stored, String key) {
        return stored == null || !Objects.equals(stored.get(key), value);
    }
}

package io.everynode.api.validation;

import io.everynode.api.rollout.ProgressDeadline;
import io.everynode.api.rollout.RolloutGuard;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * E3.6: {@code everynode.io/auto-pause-after} (K, E3.2), when present, is a whole number from 1 to
 * 100000, and {@code everynode.io/auto-pause-unready-seconds} whole seconds from 1 to 31622400 (a
 * year, as E1.5). On update a value equal to the stored one is let through, as {@link
 * SwitchAnnotations} does and for the same reason. Pure.
 */
final class AutoPauseAnnotations {
    private record Rule(String key, Function<String, Optional<Integer>> parse, String must) {}

    private static final List<Rule> RULES = List.of(
            new Rule(
                    RolloutGuard.AUTO_PAUSE_AFTER,
                    RolloutGuard::parseAutoPauseAfter,
                    "must be a whole number of pods from 1 to " + RolloutGuard.MAX_AUTO_PAUSE_AFTER),
            new Rule(
                    RolloutGuard.UNREADY_SECONDS,
                    RolloutGuard::parseUnreadySeconds,
                    "must be a whole number of seconds from 1 to " + ProgressDeadline.MAX_SECONDS));

    private AutoPauseAnnotations() {}

    /** @param stored the annotations before an update; null on create */
    static void check(List<FieldError> errs, Map<String, String> annotations, Map<String, String> stored) {
        if (annotations == null) return;
        for (Rule rule : RULES) {
            String value = annotations.get(rule.key());
            if (value == null || rule.parse().apply(value).isPresent()) continue;
            if (stored != null && Objects.equals(stored.get(rule.key()), value)) continue;
            errs.add(FieldError.invalid("metadata.annotations[" + rule.key() + "]", value, rule.must()));
        }
    }
}

package io.everynode.api.rollout;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Optional;

/**
 * E1.1: the progress deadline of a DaemonSet rollout, in seconds. On apps/v1 it is the annotation
 * {@link #ANNOTATION}; absent means no deadline (upstream behaviour: no Progressing condition at
 * all). The value is a decimal integer from 1 to {@link #MAX_SECONDS}; validation refuses any
 * other (E1.5), so the controller reads only valid values and ignores an invalid one it might find
 * in the store from before this rule.
 */
public final class ProgressDeadline {
    public static final String ANNOTATION = "everynode.io/progress-deadline-seconds";
    /** A year: long enough for any rollout, small enough that deadline arithmetic cannot overflow. */
    public static final int MAX_SECONDS = 366 * 24 * 3600;

    private ProgressDeadline() {}

    /** The deadline the object's annotations set, if any and valid. */
    public static Optional<Integer> of(ObjectMeta meta) {
        Map<String, String> annotations = meta == null ? null : meta.getAnnotations();
        if (annotations == null || !annotations.containsKey(ANNOTATION)) {
            return Optional.empty();
        }
        return parse(annotations.get(ANNOTATION));
    }

    /** The value as seconds, empty when it is not an integer in [1, {@link #MAX_SECONDS}]. */
    public static Optional<Integer> parse(String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > 9
                || !value.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int seconds = Integer.parseInt(value);
        return seconds >= 1 && seconds <= MAX_SECONDS ? Optional.of(seconds) : Optional.empty();
    }
}

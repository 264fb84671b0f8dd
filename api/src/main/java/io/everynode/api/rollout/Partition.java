package io.everynode.api.rollout;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Optional;

/**
 * E4.1: the partition of a rolling update ({@link AdvancedRollout#PARTITION}), OpenKruise's
 * {@code rollingUpdate.partition}: how many of the DaemonSet's nodes keep their old-revision pod.
 * A whole number from 0 to {@link #MAX}; validation refuses any other value (E4.4), and the
 * controller treats an unreadable one found in the store as absent (no partition).
 */
public final class Partition {
    /** Far above any fleet, small enough that node arithmetic cannot overflow. */
    public static final int MAX = 1_000_000;

    private Partition() {}

    /** The partition the annotations set; 0 (update every node) when absent or unreadable. */
    public static int of(ObjectMeta meta) {
        return parse(RolloutGuard.annotation(meta, AdvancedRollout.PARTITION)).orElse(0);
    }

    /** The value as a number, empty unless it is a decimal integer in [0, {@link #MAX}]. */
    public static Optional<Integer> parse(String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > 7
                || !value.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int n = Integer.parseInt(value);
        return n <= MAX ? Optional.of(n) : Optional.empty();
    }
}

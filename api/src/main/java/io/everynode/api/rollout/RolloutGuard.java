package io.everynode.api.rollout;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.Map;
import java.util.Optional;

/**
 * E3.1–E3.6: the annotations that pause a DaemonSet rollout, pause it automatically when new pods
 * fail, and revert it to the last fully available revision. Constants and parsing only, shared by
 * the controller and (later) the advanced kind, which reads the same settings from fields. The
 * API server refuses unreadable values of the four user-set annotations (E3.6); one stored before
 * that (or reaching the controller any other way) counts as absent: the feature stays off, as for
 * {@link ProgressDeadline}.
 */
public final class RolloutGuard {
    /** E3.1: {@code "true"} pauses the rolling update; anything else (or absent) does not. */
    public static final String PAUSED = "everynode.io/paused";
    /** E3.2: K, the number of failing new-revision pods that pauses the rollout. */
    public static final String AUTO_PAUSE_AFTER = "everynode.io/auto-pause-after";
    /** E3.2: how long a new-revision pod may stay not Ready before it counts as failing. */
    public static final String UNREADY_SECONDS = "everynode.io/auto-pause-unready-seconds";
    /** E3.4: {@code "true"}: when auto-pause trips, revert to the last fully available revision. */
    public static final String AUTO_REVERT = "everynode.io/auto-revert";
    /** E3.3: written by the controller with the pause: the revision hash whose pods tripped it. */
    public static final String AUTO_PAUSED_REVISION = "everynode.io/auto-paused-revision";
    /** E3.4: written by the controller with a revert: the revision hash it reverted from. */
    public static final String AUTO_REVERTED_FROM = "everynode.io/auto-reverted-from";
    /** E3.5: on a ControllerRevision: when every desired node first ran an available pod of it. */
    public static final String FULLY_AVAILABLE = "everynode.io/fully-available";

    /** E3.2's default for {@link #UNREADY_SECONDS}: five minutes, the kubelet's longest crash back-off. */
    public static final int DEFAULT_UNREADY_SECONDS = 300;
    /** E3.2: a new pod whose containers restarted this often counts as crash-looping. */
    public static final int RESTARTS = 3;
    /** E3.2: the largest K of {@link #AUTO_PAUSE_AFTER}. */
    public static final int MAX_AUTO_PAUSE_AFTER = 100_000;

    private RolloutGuard() {}

    public static boolean paused(ObjectMeta meta) {
        return "true".equals(annotation(meta, PAUSED));
    }

    public static boolean autoRevert(ObjectMeta meta) {
        return "true".equals(annotation(meta, AUTO_REVERT));
    }

    /** K, when set to a whole number from 1 to {@link #MAX_AUTO_PAUSE_AFTER}. */
    public static Optional<Integer> autoPauseAfter(ObjectMeta meta) {
        return parseAutoPauseAfter(annotation(meta, AUTO_PAUSE_AFTER));
    }

    public static int unreadySeconds(ObjectMeta meta) {
        return parseUnreadySeconds(annotation(meta, UNREADY_SECONDS)).orElse(DEFAULT_UNREADY_SECONDS);
    }

    /** {@link #AUTO_PAUSE_AFTER}'s value: a whole number from 1 to {@link #MAX_AUTO_PAUSE_AFTER}, else empty. */
    public static Optional<Integer> parseAutoPauseAfter(String value) {
        return number(value, MAX_AUTO_PAUSE_AFTER);
    }

    /** {@link #UNREADY_SECONDS}'s value: whole seconds from 1 to {@link ProgressDeadline#MAX_SECONDS}, else empty. */
    public static Optional<Integer> parseUnreadySeconds(String value) {
        return number(value, ProgressDeadline.MAX_SECONDS);
    }

    /** {@link #PAUSED} and {@link #AUTO_REVERT} are readable as {@code "true"} (on) and {@code "false"} (off). */
    public static boolean isSwitch(String value) {
        return "true".equals(value) || "false".equals(value);
    }

    public static String annotation(ObjectMeta meta, String key) {
        Map<String, String> annotations = meta == null ? null : meta.getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static Optional<Integer> number(String value, int max) {
        if (value == null
                || value.isEmpty()
                || value.length() > 9
                || !value.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int n = Integer.parseInt(value);
        return n >= 1 && n <= max ? Optional.of(n) : Optional.empty();
    }
}

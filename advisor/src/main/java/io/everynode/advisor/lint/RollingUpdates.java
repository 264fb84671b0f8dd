package io.everynode.advisor.lint;

import io.everynode.api.validation.IntOrPercent;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.Optional;

/** The rolling-update block of a defaulted DaemonSet (R5.1), as the rules read it. */
final class RollingUpdates {
    static final String PATH = "spec.updateStrategy.rollingUpdate";

    private RollingUpdates() {}

    /** The block when the strategy is RollingUpdate (OnDelete has no rollout to judge, R5.7). */
    static Optional<RollingUpdateDaemonSet> of(DaemonSet ds) {
        var strategy = ds.getSpec().getUpdateStrategy();
        if (strategy == null || !"RollingUpdate".equals(strategy.getType())) return Optional.empty();
        return Optional.ofNullable(strategy.getRollingUpdate());
    }

    /**
     * Whether maxSurge lets a new pod start beside the old one (R5.5): any positive number or
     * percentage, as the controller decides it. A malformed value counts as no surge (validation
     * rejects it on apply).
     */
    static boolean surges(DaemonSet ds) {
        return of(ds).map(ru -> {
                    try {
                        return IntOrPercent.scaled(ru.getMaxSurge(), 1, true) != 0;
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                })
                .orElse(false);
    }

    /** The value as written: {@code 25%} or {@code 1}. */
    static String text(IntOrString v) {
        if (v == null) return "0";
        return v.getStrVal() != null ? v.getStrVal() : String.valueOf(v.getIntVal());
    }
}

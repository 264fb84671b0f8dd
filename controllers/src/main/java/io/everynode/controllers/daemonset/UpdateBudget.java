package io.everynode.controllers.daemonset;

import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.everynode.api.validation.IntOrPercent;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.List;

/**
 * R5.2: the effective surge and unavailability budgets of one rolling-update pass. Percentages
 * are scaled against desiredNumberScheduled and rounded up; if both come out 0 on a non-empty
 * DaemonSet, maxUnavailable is forced to 1 (validation forbids 0/0, but the controller copes).
 *
 * <p>Public for the advisor (its {@code lint} sizes a rollout with {@link #of(DaemonSet, int)}), so
 * the budget the linter judges is the one this controller uses.
 */
public record UpdateBudget(int maxSurge, int maxUnavailable, int desired) {
    /**
     * @throws IllegalArgumentException for an invalid percentage ("invalid value for
     *     MaxUnavailable/MaxSurge"), which fails the sync
     */
    static UpdateBudget of(DaemonSet ds, List<Node> nodes) {
        int desired = 0;
        for (Node n : nodes) {
            if (NodeShouldRunDaemonPod.evaluate(n, ds).shouldRun()) {
                desired++;
            }
        }
        return of(ds, desired);
    }

    /**
     * The budgets of a (defaulted, R5.1) DaemonSet over {@code desired} nodes.
     *
     * @throws IllegalArgumentException for an invalid percentage
     */
    public static UpdateBudget of(DaemonSet ds, int desired) {
        RollingUpdateDaemonSet ru = rollingUpdate(ds);
        int maxUnavailable = ru == null ? 0 : scaled(ru.getMaxUnavailable(), desired, "MaxUnavailable");
        int maxSurge = ru == null ? 0 : scaled(ru.getMaxSurge(), desired, "MaxSurge");
        if (desired > 0 && maxUnavailable == 0 && maxSurge == 0) {
            maxUnavailable = 1;
        }
        return new UpdateBudget(maxSurge, maxUnavailable, desired);
    }

    /** The rollingUpdate block when the strategy is RollingUpdate, else null. */
    static RollingUpdateDaemonSet rollingUpdate(DaemonSet ds) {
        var strategy = ds.getSpec().getUpdateStrategy();
        if (strategy == null || !"RollingUpdate".equals(strategy.getType())) {
            return null;
        }
        return strategy.getRollingUpdate();
    }

    static boolean isRollingUpdate(DaemonSet ds) {
        var strategy = ds.getSpec().getUpdateStrategy();
        return strategy != null && "RollingUpdate".equals(strategy.getType());
    }

    private static int scaled(IntOrString v, int total, String field) {
        try {
            return IntOrPercent.scaled(v, total, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value for " + field + ": " + e.getMessage(), e);
        }
    }
}

package io.everynode.controllers.deployment;

import io.everynode.api.validation.IntOrPercent;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.Optional;

/**
 * A Deployment's spec values as the controller uses them, with the API's defaults where a field is
 * unset (replicas 1, RollingUpdate with maxSurge and maxUnavailable 25%, revisionHistoryLimit 10,
 * progressDeadlineSeconds 600), and upstream's fencepost rules. Pure.
 */
final class DeploymentSpecs {
    static final String RECREATE = "Recreate";
    static final IntOrString DEFAULT_BUDGET = new IntOrString("25%");
    static final int DEFAULT_HISTORY = 10;
    static final int DEFAULT_DEADLINE = 600;
    /** progressDeadlineSeconds of MaxInt32 means "no deadline" upstream. */
    static final int NO_DEADLINE = Integer.MAX_VALUE;

    private DeploymentSpecs() {}

    static int replicas(Deployment d) {
        Integer r = d.getSpec().getReplicas();
        return r == null ? 1 : r;
    }

    static boolean rolling(Deployment d) {
        return d.getSpec().getStrategy() == null
                || !RECREATE.equals(d.getSpec().getStrategy().getType());
    }

    static boolean paused(Deployment d) {
        return Boolean.TRUE.equals(d.getSpec().getPaused());
    }

    static int minReadySeconds(Deployment d) {
        Integer m = d.getSpec().getMinReadySeconds();
        return m == null ? 0 : m;
    }

    static int historyLimit(Deployment d) {
        Integer h = d.getSpec().getRevisionHistoryLimit();
        return h == null ? DEFAULT_HISTORY : h;
    }

    /** The progress deadline in seconds, empty when the Deployment has none. */
    static Optional<Integer> progressDeadline(Deployment d) {
        Integer p = d.getSpec().getProgressDeadlineSeconds();
        int v = p == null ? DEFAULT_DEADLINE : p;
        return v == NO_DEADLINE ? Optional.empty() : Optional.of(v);
    }

    /** maxSurge scaled against replicas, rounded up; 0 for Recreate. */
    static int maxSurge(Deployment d) {
        return rolling(d) ? fenceposts(d)[0] : 0;
    }

    /** maxUnavailable scaled against replicas, rounded down, at most replicas; 0 for Recreate or 0 replicas. */
    static int maxUnavailable(Deployment d) {
        if (!rolling(d) || replicas(d) == 0) return 0;
        return Math.min(fenceposts(d)[1], replicas(d));
    }

    /** Upstream ResolveFenceposts: {surge, unavailable}; both 0 would stall a rollout, so unavailable becomes 1. */
    private static int[] fenceposts(Deployment d) {
        RollingUpdateDeployment ru = d.getSpec().getStrategy() == null
                ? null
                : d.getSpec().getStrategy().getRollingUpdate();
        IntOrString surge = ru == null || ru.getMaxSurge() == null ? DEFAULT_BUDGET : ru.getMaxSurge();
        IntOrString unavailable =
                ru == null || ru.getMaxUnavailable() == null ? DEFAULT_BUDGET : ru.getMaxUnavailable();
        int s = IntOrPercent.scaled(surge, replicas(d), true);
        int u = IntOrPercent.scaled(unavailable, replicas(d), false);
        if (s == 0 && u == 0) u = 1;
        return new int[] {s, u};
    }
}

package io.everynode.advisor.lint;

import io.everynode.controllers.daemonset.UpdateBudget;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * EN009: the guide's fourth mistake, "ignoring update strategy": the default maxUnavailable 1
 * replaces one node's pod at a time, so on a large fleet a rollout takes hours. Only when the
 * fleet is known. The estimate: waves of maxUnavailable + maxSurge nodes (the controller's budget,
 * {@link UpdateBudget}, R5.2), each taking the context's seconds per pod plus minReadySeconds
 * (R5.6); reported as info when it reaches {@value #REPORT_SECONDS} seconds.
 */
final class SlowRollout implements LintRule {
    static final long REPORT_SECONDS = 3600;

    @Override
    public String code() {
        return "EN009";
    }

    @Override
    public String name() {
        return "slow-rollout";
    }

    @Override
    public List<Issue> check(Workload w, LintContext context) {
        if (!w.isDaemonSet()) return List.of();
        DaemonSet ds = w.daemonSet();
        var ru = RollingUpdates.of(ds);
        OptionalInt desired = context.desired(ds);
        if (ru.isEmpty() || desired.isEmpty() || desired.getAsInt() == 0) return List.of();
        int n = desired.getAsInt();
        UpdateBudget budget;
        try {
            budget = UpdateBudget.of(ds, n);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        int perWave = Math.max(1, budget.maxUnavailable() + budget.maxSurge());
        long waves = (n + perWave - 1) / perWave;
        int minReady =
                ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
        long waveSeconds = context.podReplaceSeconds() + (long) minReady;
        long total = waves * waveSeconds;
        if (total < REPORT_SECONDS) return List.of();
        return List.of(new Issue(
                Severity.INFO,
                RollingUpdates.PATH + ".maxUnavailable",
                "maxUnavailable " + RollingUpdates.text(ru.get().getMaxUnavailable()) + ", maxSurge "
                        + RollingUpdates.text(ru.get().getMaxSurge()) + " over " + n + " nodes: " + waves
                        + " waves of about " + waveSeconds + "s, a rollout takes about " + duration(total)
                        + "; raise maxUnavailable (e.g. 25%) or maxSurge for a fleet this size"));
    }

    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600 + 59) / 60;
        if (m == 60) {
            h++;
            m = 0;
        }
        return h + "h" + (m < 10 ? "0" : "") + m + "m";
    }
}

package io.everynode.advisor.lint;

import io.everynode.controllers.daemonset.UpdateBudget;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * EN005: a rolling-update budget larger than the fleet can lose: during a rollout up to
 * maxUnavailable nodes have no working agent at once (R5.4). With the fleet known ({@code --nodes},
 * or the nodes that would run it on a {@code --kubeconfig} cluster), the budget is the controller's
 * own ({@link UpdateBudget}: percentages rounded up, R5.2): an error when it covers every node, a
 * warning when it covers {@value #FLEET_SHARE_PERCENT}% or more of at least two. Without the fleet:
 * a percentage of 100 is an error, {@value #FLEET_SHARE_PERCENT}% or more a warning, and an
 * absolute number over {@value #ABSOLUTE_BOUND} is reported as info, to be checked with the fleet's size.
 */
final class BudgetExceedsFleet implements LintRule {
    static final int FLEET_SHARE_PERCENT = 50;
    static final int ABSOLUTE_BOUND = 10;
    private static final String PATH = RollingUpdates.PATH + ".maxUnavailable";

    @Override
    public String code() {
        return "EN005";
    }

    @Override
    public String name() {
        return "budget-exceeds-fleet";
    }

    @Override
    public List<Issue> check(Workload w, LintContext context) {
        if (!w.isDaemonSet()) return List.of();
        DaemonSet ds = w.daemonSet();
        var ru = RollingUpdates.of(ds);
        if (ru.isEmpty()) return List.of();
        IntOrString written = ru.get().getMaxUnavailable();
        String as = "maxUnavailable " + RollingUpdates.text(written);
        OptionalInt desired = context.desired(ds);
        if (desired.isPresent()) {
            int n = desired.getAsInt();
            if (n < 2) return List.of();
            int k;
            try {
                k = UpdateBudget.of(ds, n).maxUnavailable();
            } catch (IllegalArgumentException e) {
                return List.of();
            }
            if (k >= n) {
                return List.of(new Issue(
                        Severity.ERROR,
                        PATH,
                        as + " lets all " + n + " nodes lose their agent at once during a rollout"));
            }
            if (k > 1 && 100L * k >= (long) FLEET_SHARE_PERCENT * n) {
                return List.of(new Issue(
                        Severity.WARNING,
                        PATH,
                        as + " lets " + k + " of " + n + " nodes be without a ready agent at once during a rollout"));
            }
            return List.of();
        }
        if (written == null) return List.of();
        if (written.getStrVal() != null) {
            int pct;
            try {
                pct = Integer.parseInt(written.getStrVal().replace("%", "").trim());
            } catch (NumberFormatException e) {
                return List.of();
            }
            if (pct >= 100) {
                return List.of(new Issue(
                        Severity.ERROR, PATH, as + " lets every node lose its agent at once during a rollout"));
            }
            if (pct >= FLEET_SHARE_PERCENT) {
                return List.of(new Issue(
                        Severity.WARNING,
                        PATH,
                        as + " lets " + FLEET_SHARE_PERCENT
                                + "% or more of the nodes be without a ready agent at once during a rollout"));
            }
            return List.of();
        }
        if (written.getIntVal() != null && written.getIntVal() > ABSOLUTE_BOUND) {
            return List.of(new Issue(
                    Severity.INFO,
                    PATH,
                    as + " is more than " + ABSOLUTE_BOUND
                            + " nodes at once; give --nodes N or --kubeconfig to check it against the fleet"));
        }
        return List.of();
    }
}

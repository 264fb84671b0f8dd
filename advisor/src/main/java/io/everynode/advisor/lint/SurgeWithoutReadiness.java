package io.everynode.advisor.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * EN007: a surge rollout with a container that has no readinessProbe. A surged pod's old pod is
 * deleted once the new one is available (R5.5, R3.3); without a readiness probe "available" means
 * "started", so a new version that cannot serve replaces working pods at full speed. A warning.
 */
final class SurgeWithoutReadiness implements LintRule {
    @Override
    public String code() {
        return "EN007";
    }

    @Override
    public String name() {
        return "surge-without-readiness";
    }

    @Override
    public List<Issue> check(Workload w, LintContext context) {
        if (!w.isDaemonSet() || !RollingUpdates.surges(w.daemonSet())) return List.of();
        List<Issue> out = new ArrayList<>();
        for (Containers.At c : Containers.regular(w.podSpec())) {
            if (c.container().getReadinessProbe() != null) continue;
            out.add(new Issue(
                    Severity.WARNING,
                    c.path() + ".readinessProbe",
                    "container \"" + c.container().getName() + "\" has no readinessProbe under maxSurge: the new pod"
                            + " counts as ready once started and the old one is deleted, working or not"));
        }
        return out;
    }
}

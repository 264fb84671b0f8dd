package io.everynode.advisor.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs its rules on every workload of the manifests, in manifest order then rule order, and
 * drops what an object's {@code everynode.io/lint-ignore} annotation silences (codes or names,
 * comma- or space-separated; {@code all} silences every rule).
 */
public final class Linter {
    private final List<LintRule> rules;

    public Linter(List<LintRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** A linter with every rule of docs/lint.md, EN001 to EN009. */
    public static Linter standard() {
        return new Linter(List.of(
                new NoControlPlaneToleration(),
                new NoResources(),
                new DeploymentAsDaemonSet(),
                new NoPriorityClass(),
                new BudgetExceedsFleet(),
                new HostPortWithSurge(),
                new SurgeWithoutReadiness(),
                new MutableImageTag(),
                new SlowRollout()));
    }

    public List<LintRule> rules() {
        return rules;
    }

    /** @throws LintInputException when a workload's fields do not decode (a number where a list goes) */
    public LintReport lint(List<Manifest> manifests, LintContext context) throws LintInputException {
        List<Finding> findings = new ArrayList<>();
        for (Manifest m : manifests) {
            Optional<Workload> w = Workload.of(m);
            if (w.isEmpty()) continue;
            Set<String> ignored = ignored(w.get());
            for (LintRule rule : rules) {
                if (ignored.contains("all") || ignored.contains(rule.code()) || ignored.contains(rule.name())) {
                    continue;
                }
                for (Issue i : rule.check(w.get(), context)) {
                    findings.add(new Finding(
                            m.file(),
                            m.document(),
                            m.apiVersion(),
                            m.kind(),
                            w.get().metadata().getNamespace(),
                            w.get().name(),
                            i.severity(),
                            rule.code(),
                            rule.name(),
                            m.pathPrefix() + i.path(),
                            i.message()));
                }
            }
        }
        return new LintReport(manifests.size(), findings);
    }

    private static Set<String> ignored(Workload w) {
        return w.annotation(LintAnnotations.IGNORE)
                .map(v -> Arrays.stream(v.split("[,\\s]+"))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(s -> s.matches("(?i)en\\d+") ? s.toUpperCase(java.util.Locale.ROOT) : s)
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
    }
}

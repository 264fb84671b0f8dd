package io.everynode.advisor.lint;

import java.util.List;

/** One check, one reason: a stable code ({@code EN001}) and name, documented in docs/lint.md. */
public interface LintRule {
    String code();

    String name();

    /** What the rule finds in one workload; empty when nothing. Pure. */
    List<Issue> check(Workload w, LintContext context);
}

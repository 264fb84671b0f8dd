package io.everynode.advisor.lint;

import java.util.List;

/** What one lint run found, over how many objects read. */
public record LintReport(int objects, List<Finding> findings) {
    public LintReport {
        findings = List.copyOf(findings);
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }

    /** Whether a finding is at or above {@code threshold}; null means never (--fail-on none). */
    public boolean failsAt(Severity threshold) {
        return threshold != null && findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
    }
}

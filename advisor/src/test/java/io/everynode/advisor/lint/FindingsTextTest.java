package io.everynode.advisor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FindingsTextTest {
    @ParameterizedTest(name = "{0} objects, {1} errors, {2} warnings, {3} info: {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1 | 0 | 0 | 0 | no findings in 1 object",
                "3 | 0 | 0 | 0 | no findings in 3 objects",
                "1 | 0 | 1 | 0 | 1 finding in 1 object (0 errors, 1 warning, 0 info)",
                "2 | 1 | 6 | 0 | 7 findings in 2 objects (1 error, 6 warnings, 0 info)",
                "2 | 2 | 0 | 3 | 5 findings in 2 objects (2 errors, 0 warnings, 3 info)",
            })
    void theSummaryCountsInTheRightNumber(int objects, int errors, int warnings, int infos, String expected) {
        List<Finding> findings = new ArrayList<>();
        add(findings, errors, Severity.ERROR);
        add(findings, warnings, Severity.WARNING);
        add(findings, infos, Severity.INFO);

        assertThat(FindingsText.summary(new LintReport(objects, findings))).isEqualTo(expected);
    }

    private static void add(List<Finding> findings, int n, Severity severity) {
        for (int i = 0; i < n; i++) {
            findings.add(new Finding(
                    "ds.yaml", 1, "apps/v1", "DaemonSet", null, "agent", severity, "EN000", "rule", "spec", "why"));
        }
    }
}

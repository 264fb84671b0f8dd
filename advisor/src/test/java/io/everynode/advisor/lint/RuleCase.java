package io.everynode.advisor.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One row of a rule's table: an object, what lint knows of the fleet, and the one finding
 * expected (severity and path, and words the message must hold), or none.
 */
record RuleCase(String name, ObjectNode object, LintContext context, Severity severity, String path, String words) {
    static RuleCase none(String name, ObjectNode object) {
        return new RuleCase(name, object, LintContext.offline(), null, null, null);
    }

    static RuleCase none(String name, ObjectNode object, LintContext context) {
        return new RuleCase(name, object, context, null, null, null);
    }

    static RuleCase finds(String name, ObjectNode object, Severity severity, String path, String words) {
        return new RuleCase(name, object, LintContext.offline(), severity, path, words);
    }

    static RuleCase finds(
            String name, ObjectNode object, LintContext context, Severity severity, String path, String words) {
        return new RuleCase(name, object, context, severity, path, words);
    }

    void check(LintRule rule) {
        List<Finding> found = Manifests.lint(rule, object, context);
        if (severity == null) {
            assertThat(found).as(name).isEmpty();
            return;
        }
        assertThat(found).as(name).hasSize(1);
        Finding f = found.get(0);
        assertThat(f.code()).isEqualTo(rule.code());
        assertThat(f.rule()).isEqualTo(rule.name());
        assertThat(f.severity()).as(name).isEqualTo(severity);
        assertThat(f.path()).as(name).isEqualTo(path);
        assertThat(f.message()).as(name).contains(words);
    }

    @Override
    public String toString() {
        return name;
    }
}

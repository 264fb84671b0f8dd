package io.everynode.advisor.lint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinterTest {
    /** A DaemonSet that trips EN002 (no resources), EN004 (no class, info) and EN008 (no tag). */
    private static final String SLOPPY = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: cache
              namespace: default%s
            spec:
              selector: {matchLabels: {app: cache}}
              template:
                metadata: {labels: {app: cache}}
                spec:
                  containers: [{name: cache, image: cache}]
            """;

    private static LintReport lint(String yaml, LintContext context) throws LintInputException {
        return Linter.standard().lint(ManifestReader.parse("f.yaml", yaml.getBytes(UTF_8)), context);
    }

    private static String sloppy(String annotation) {
        return SLOPPY.formatted(
                annotation.isEmpty() ? "" : "\n  annotations: {everynode.io/lint-ignore: \"" + annotation + "\"}");
    }

    @Test
    void theCleanDaemonSetOfTheRuleTablesHasNoFindingFromAnyRule() throws Exception {
        assertThat(lint(Manifests.CLEAN_DAEMON_SET, LintContext.ofNodeCount(20)).findings())
                .isEmpty();
        assertThat(lint(Manifests.CLEAN_DEPLOYMENT, LintContext.offline()).findings())
                .isEmpty();
    }

    @Test
    void findingsComeInRuleOrderWithTheObjectNamed() throws Exception {
        LintReport r = lint(sloppy(""), LintContext.offline());
        assertThat(r.findings()).extracting(Finding::code).containsExactly("EN002", "EN004", "EN008");
        Finding f = r.findings().get(0);
        assertThat(f)
                .isEqualTo(new Finding(
                        "f.yaml",
                        1,
                        "apps/v1",
                        "DaemonSet",
                        "default",
                        "cache",
                        Severity.WARNING,
                        "EN002",
                        "no-resources",
                        "spec.template.spec.containers[0].resources",
                        f.message()));
        assertThat(r.failsAt(Severity.WARNING)).isTrue();
        assertThat(r.failsAt(Severity.ERROR)).isFalse();
        assertThat(r.failsAt(null)).isFalse();
    }

    @Test
    void theIgnoreAnnotationSilencesRulesByCodeOrName() throws Exception {
        assertThat(lint(sloppy("EN002, latest-tag"), LintContext.offline()).findings())
                .extracting(Finding::code)
                .containsExactly("EN004");
        assertThat(lint(sloppy("en004 EN008"), LintContext.offline()).findings())
                .extracting(Finding::code)
                .containsExactly("EN002");
        assertThat(lint(sloppy("all"), LintContext.offline()).findings()).isEmpty();
    }

    @Test
    void aListItemsFindingsCarryTheItemsPath() throws Exception {
        String list = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap}\n- "
                + Manifests.yaml(sloppy("EN002,EN004")).toString() + "\n";
        LintReport r = lint(list, LintContext.offline());
        assertThat(r.objects()).isEqualTo(2);
        assertThat(r.findings())
                .extracting(Finding::path)
                .containsExactly("items[1].spec.template.spec.containers[0].image");
    }

    @Test
    void aFieldOfTheWrongTypeIsAnInputErrorNamingTheDocument() {
        String bad = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: x}\n---\n"
                + "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: y}\nspec: {template: {spec: {containers: 3}}}\n";
        assertThatThrownBy(() -> lint(bad, LintContext.offline()))
                .isInstanceOf(LintInputException.class)
                .hasMessageStartingWith("f.yaml: document 2: DaemonSet does not decode");
    }

    @Test
    void openKruisesAdvancedDaemonSetIsCheckedLikeAnAppsOne() throws Exception {
        String kruise = Manifests.CLEAN_DAEMON_SET
                .replace("apiVersion: apps/v1", "apiVersion: apps.kruise.io/v1alpha1")
                .replace(
                        "  template:",
                        "  updateStrategy:\n    rollingUpdate: {type: Surging, maxUnavailable: 0, maxSurge: 1}\n  template:")
                .replace(
                        "\n          readinessProbe:",
                        "\n          ports: [{containerPort: 9100, hostPort: 9100}]\n          readinessProbe:");
        LintReport r = lint(kruise, LintContext.offline());
        assertThat(r.findings()).extracting(Finding::code).containsExactly("EN006");
        assertThat(r.findings().get(0).apiVersion()).isEqualTo("apps.kruise.io/v1alpha1");
    }

    @Test
    void everyRuleHasItsOwnCodeAndName() {
        List<LintRule> rules = Linter.standard().rules();
        assertThat(rules).extracting(LintRule::code).doesNotHaveDuplicates().allMatch(c -> c.matches("EN\\d{3}"));
        assertThat(rules).extracting(LintRule::name).doesNotHaveDuplicates();
    }
}

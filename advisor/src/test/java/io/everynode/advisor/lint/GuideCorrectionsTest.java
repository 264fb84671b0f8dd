package io.everynode.advisor.lint;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.GuideFile;
import io.everynode.testkit.RequiresGuide;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The guide's corrected snippets give no finding of the rule they correct. Where a snippet is a
 * fragment ({@code spec: …}, a {@code resources:} block, a {@code containers:} list) it is
 * assembled into the guide's own fluent-bit DaemonSet (section 1): fragments starting at
 * {@code spec:} are merged into it key by key; the resources block replaces its container's; the
 * health checks' probes are added to its container (keeping its name and image, which the
 * snippet's "agent" container lacks).
 */
@RequiresGuide
class GuideCorrectionsTest {
    private static GuideSections guide;

    @BeforeAll
    static void load() {
        guide = new GuideSections(GuideFile.forThisRun().read());
    }

    private static ObjectNode fluentBit(String... fragmentSections) {
        ObjectNode ds = Manifests.yaml(guide.onlyYaml("Logging agents: fluent-bit"));
        for (String s : fragmentSections)
            Manifests.merge(ds, Manifests.yaml(guide.yaml(s).get(guide.yaml(s).size() - 1)));
        return ds;
    }

    private static ObjectNode container(ObjectNode ds) {
        return (ObjectNode) ds.at("/spec/template/spec/containers/0");
    }

    private static Set<String> codes(ObjectNode object, LintContext context) throws LintInputException {
        return Linter.standard().lint(List.of(new Manifest("guide.yaml", 1, "", object)), context).findings().stream()
                .map(Finding::code)
                .collect(Collectors.toSet());
    }

    @Test
    void fluentBitAsWrittenHasResourcesAndAPinnedImageAndLacksWhatLaterSectionsAdd() throws Exception {
        // No EN002 (its resources are the guide's table row) nor EN008 (3.1); the toleration (EN001)
        // and the priority class (EN004) are what sections 4 and 10 add.
        assertThat(codes(fluentBit(), LintContext.offline())).containsExactlyInAnyOrder("EN001", "EN004");
    }

    @Test
    void theControlPlaneTolerationCorrectsEN001() throws Exception {
        assertThat(codes(fluentBit("Tolerate control plane nodes"), LintContext.offline()))
                .doesNotContain("EN001");
        assertThat(codes(fluentBit("Tolerate all taints"), LintContext.offline()))
                .doesNotContain("EN001");
    }

    @Test
    void thePriorityClassesCorrectEN004() throws Exception {
        assertThat(codes(fluentBit("Priority classes"), LintContext.offline())).doesNotContain("EN004");
        ObjectNode exporterClass = fluentBit();
        String pcAndDs = guide.yaml("Priority classes").get(0);
        Manifests.merge(exporterClass, Manifests.yaml(pcAndDs.substring(pcAndDs.indexOf("apiVersion: apps/v1"))));
        assertThat(codes(exporterClass, LintContext.offline())).doesNotContain("EN004");
        // The PriorityClass and its DaemonSet fragment, as written, in one multi-document file.
        LintReport asWritten = Linter.standard()
                .lint(ManifestReader.parse("guide.yaml", pcAndDs.getBytes(UTF_8)), LintContext.offline());
        assertThat(asWritten.objects()).isEqualTo(2);
        assertThat(asWritten.findings()).extracting(Finding::code).doesNotContain("EN004");
    }

    @Test
    void theResourcesBlockCorrectsEN002() throws Exception {
        ObjectNode ds = fluentBit();
        container(ds).remove("resources");
        assertThat(codes(ds, LintContext.offline())).contains("EN002");
        container(ds)
                .set(
                        "resources",
                        Manifests.yaml(guide.onlyYaml("Resource requests and limits"))
                                .get("resources"));
        assertThat(codes(ds, LintContext.offline())).doesNotContain("EN002");
    }

    @Test
    void theHealthChecksCorrectEN007UnderTheZeroDowntimeStrategy() throws Exception {
        ObjectNode ds = fluentBit("Zero-downtime update strategy");
        assertThat(codes(ds, LintContext.offline())).contains("EN007").doesNotContain("EN006");
        ObjectNode agent =
                (ObjectNode) Manifests.yaml(guide.onlyYaml("Health checks")).at("/containers/0");
        container(ds).set("livenessProbe", agent.get("livenessProbe"));
        container(ds).set("readinessProbe", agent.get("readinessProbe"));
        assertThat(codes(ds, LintContext.offline())).doesNotContain("EN007", "EN006");
    }

    @Test
    void theGuidesQuarterBudgetCorrectsTheSlowRolloutOf500Nodes() throws Exception {
        ObjectNode oneAtATime = fluentBit("RollingUpdate configuration");
        assertThat(codes(oneAtATime, LintContext.ofNodeCount(500))).contains("EN009");
        assertThat(codes(oneAtATime, LintContext.ofNodeCount(20))).doesNotContain("EN005", "EN009");
        // "The guide then suggests maxUnavailable: 25% for large clusters."
        Manifests.merge(oneAtATime, Manifests.yaml("spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 25%}}}"));
        assertThat(codes(oneAtATime, LintContext.ofNodeCount(500))).doesNotContain("EN005", "EN009");
    }
}

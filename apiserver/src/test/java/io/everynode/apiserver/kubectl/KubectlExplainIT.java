package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 schemas through the real kubectl (docs/openapi.md): {@code explain} prints the
 * fields and types of every served kind, {@code apply} of valid manifests passes validation and
 * re-applies compute their patches from the published schemas (no {@code /openapi/v2} fallback,
 * no warning), and an unknown field is refused by name.
 */
class KubectlExplainIT extends KubectlTestBase {

    @Test
    void explainOfADaemonSetsRollingUpdatePrintsItsIntOrStringFields() {
        String out = kubectl.ok("explain", "ds.spec.updateStrategy.rollingUpdate");
        assertThat(out)
                .contains("GROUP:      apps")
                .contains("KIND:       DaemonSet")
                .contains("VERSION:    v1")
                .contains("FIELD: rollingUpdate <RollingUpdateDaemonSet>")
                .contains("maxSurge\t<IntOrString>")
                .contains("maxUnavailable\t<IntOrString>");
    }

    @Test
    void explainOfAPodsContainersPrintsTheirFieldsTypesAndWhatIsRequired() {
        String out = kubectl.ok("explain", "pods.spec.containers");
        assertThat(out)
                .contains("FIELD: containers <[]Container>")
                .contains("name\t<string> -required-")
                .contains("image\t<string>")
                .contains("ports\t<[]ContainerPort>")
                .contains("resources\t<ResourceRequirements>")
                .contains("env\t<[]EnvVar>");
        assertThat(kubectl.ok("explain", "pods.spec.containers.resources")).contains("limits\t<map[string]Quantity>");
        assertThat(kubectl.ok("explain", "pods.metadata")).contains("creationTimestamp\t<string>");
    }

    @Test
    void explainOfAConfigMapPrintsItsTopLevelFields() {
        String out = kubectl.ok("explain", "configmap");
        assertThat(out)
                .contains("KIND:       ConfigMap")
                .contains("DESCRIPTION:\n    Non-secret configuration as key-value pairs")
                .contains("data\t<map[string]string>")
                .contains("binaryData\t<map[string]string>")
                .contains("immutable\t<boolean>")
                .contains("metadata\t<ObjectMeta>");
    }

    @Test
    void explainRecursivePrintsTheWholeTreeIndented() {
        String out = kubectl.ok("explain", "ds.spec", "--recursive");
        assertThat(out)
                .contains("  updateStrategy\t<DaemonSetUpdateStrategy>\n"
                        + "    rollingUpdate\t<RollingUpdateDaemonSet>\n"
                        + "      maxSurge\t<IntOrString>\n"
                        + "      maxUnavailable\t<IntOrString>\n"
                        + "    type\t<string>\n")
                .contains("  selector\t<LabelSelector> -required-\n");
    }

    @Test
    void explainOfAFieldThatDoesNotExistSaysSo() {
        var r = kubectl.run("explain", "ds.spec.nope");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("field \"nope\" does not exist");
    }

    @Test
    void everyServedKindCanBeExplained() {
        for (ResourceType t : ResourceTypes.all()) {
            // --api-version, not "resource.group": kubectl reads daemonsets.apps.kruise.io as apps/v1's
            // daemonsets and a field path "kruise.io", as it does where OpenKruise is installed
            String name = t.resource() + " --api-version=" + t.apiVersion();
            assertThat(kubectl.ok("explain", t.resource(), "--api-version=" + t.apiVersion()))
                    .as(name)
                    .contains("KIND:       " + t.kind())
                    .contains("VERSION:    " + t.version());
        }
    }

    @Test
    void anUnknownFieldIsRefusedWithItsPathAndNothingIsCreated() {
        var r = kubectl.runWithInput("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: typo, namespace: default}
                spec:
                  selector: {matchLabels: {app: typo}}
                  updateStrategy: {rollingUpdate: {maxUnavailabel: 1}}
                  template:
                    metadata: {labels: {app: typo}}
                    spec:
                      containers: [{name: c, image: busybox}]
                """, "apply", "-f", "-");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("unknown field \"spec.updateStrategy.rollingUpdate.maxUnavailabel\"");
        assertThat(api.exists("/apis/apps/v1/namespaces/default/daemonsets/typo"))
                .isFalse();
    }

    @Test
    void aReapplyThatDropsAContainerDeletesItByTheMergeKeyThePublishedSchemaNames() {
        kubectl.apply(daemonSet("merge-keys", "- {name: a, image: busybox:1}\n      - {name: b, image: busybox}"));

        // kubectl diffs the containers by name and sends {$patch: delete, name: b}; from a list it
        // took as atomic it would send [a] alone, which the server merges by name, keeping b.
        var r = kubectl.runWithInput(
                daemonSet("merge-keys", "- {name: a, image: busybox:2}"), "apply", "-f", "-", "-v=6");
        r.assertOk();
        assertThat(r.err()).as("patch computed from v3, no fallback").doesNotContain("/openapi/v2");
        assertThat(r.err()).doesNotContain("warning");
        ObjectNode ds = api.object("/apis/apps/v1/namespaces/default/daemonsets/merge-keys");
        assertThat(ds.at("/spec/template/spec/containers").size()).isEqualTo(1);
        assertThat(ds.at("/spec/template/spec/containers/0/image").asString()).isEqualTo("busybox:2");
    }

    @Test
    void theProjectsExamplesApplyAndReapplyWithValidationOnAndNoWarning() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("..", "examples"))) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String yaml = Files.readString(f);
            var first = kubectl.runWithInput(yaml, "apply", "-f", "-", "--validate=strict");
            first.assertOk();
            // A changed re-apply walks the whole object against the schema to compute its patch.
            String changed = yaml.replace("image: ", "image: changed.example/");
            var second = kubectl.runWithInput(changed, "apply", "-f", "-", "--validate=strict");
            second.assertOk();
            assertThat(second.err()).as(f.toString()).isEmpty();
        }
    }

    private static String daemonSet(String name, String containers) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: %s, namespace: default}
                spec:
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers:
                      %s
                """.formatted(name, name, name, containers);
    }
}

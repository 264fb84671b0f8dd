package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.RawApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * kubectl get: server-side tables with upstream's columns, -A, -o wide|name|yaml|json, label and
 * field selectors, --show-labels, and get events (kubectl-contract.md §1.4, §2.4–2.9, §2.25).
 */
class KubectlGetIT extends KubectlTestBase {
    static final String AGE = "\\d+[smhd]";

    @BeforeAll
    void seed() throws Exception {
        world.namespace("logging");
        world.namespace("monitoring");
        world.node("n1");
        world.node("n2");
        ObjectNode ds = world.daemonSet("logging", "fluent-bit");
        world.daemonSet("monitoring", "node-exporter");
        ObjectNode p1 = world.daemonPod(ds, "fluent-bit-aaaaa", "n1");
        world.daemonPod(ds, "fluent-bit-bbbbb", "n2");
        world.barePod("logging", "debug", null, "{\"role\":\"debug\"}");
        world.event(p1, "Pod", "v1", "Normal", "Scheduled", "Successfully assigned logging/fluent-bit-aaaaa to n1");
    }

    @Test
    void getDaemonSetByNamePrintsTheUpstreamColumns() {
        String out = kubectl.ok("get", "ds", "-n", "logging", "fluent-bit");
        assertThat(out)
                .matches("NAME +DESIRED +CURRENT +READY +UP-TO-DATE +AVAILABLE +NODE SELECTOR +AGE\n"
                        + "fluent-bit +0 +0 +0 +0 +0 +<none> +" + AGE + "\n");
    }

    @Test
    void getDaemonSetsInAllNamespacesAddsTheNamespaceColumn() {
        String out = kubectl.ok("get", "ds", "-A");
        assertThat(out)
                .matches("NAMESPACE +NAME +DESIRED +CURRENT +READY +UP-TO-DATE +AVAILABLE +NODE SELECTOR +AGE\n"
                        + "logging +fluent-bit +0 +0 +0 +0 +0 +<none> +" + AGE + "\n"
                        + "monitoring +node-exporter +0 +0 +0 +0 +0 +<none> +" + AGE + "\n");
    }

    @Test
    void wideDaemonSetsShowContainersImagesAndSelector() {
        String out = kubectl.ok("get", "ds", "-n", "logging", "-o", "wide");
        assertThat(out)
                .matches(
                        "NAME +DESIRED +CURRENT +READY +UP-TO-DATE +AVAILABLE +NODE SELECTOR +AGE +CONTAINERS +IMAGES +SELECTOR\n"
                                + "fluent-bit +0 +0 +0 +0 +0 +<none> +" + AGE
                                + " +agent +busybox:1.36 +app=fluent-bit\n");
    }

    @Test
    void podsPrintReadyStatusRestartsAndAge() {
        String out = kubectl.ok("get", "pods", "-n", "logging");
        assertThat(out)
                .matches("NAME +READY +STATUS +RESTARTS +AGE\n"
                        + "debug +0/1 +Pending +0 +" + AGE + "\n"
                        + "fluent-bit-aaaaa +0/1 +Pending +0 +" + AGE + "\n"
                        + "fluent-bit-bbbbb +0/1 +Pending +0 +" + AGE + "\n");
    }

    @Test
    void widePodsShowIpNodeNominatedNodeAndReadinessGates() {
        String out = kubectl.ok("get", "pods", "-n", "logging", "-o", "wide", "-l", "app=fluent-bit");
        assertThat(out)
                .matches("NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES\n"
                        + "fluent-bit-aaaaa +0/1 +Pending +0 +" + AGE + " +<none> +n1 +<none> +<none>\n"
                        + "fluent-bit-bbbbb +0/1 +Pending +0 +" + AGE + " +<none> +n2 +<none> +<none>\n");
    }

    @Test
    void labelAndFieldSelectorsFilterTheList() {
        String out = kubectl.ok(
                "get",
                "pods",
                "-n",
                "logging",
                "-l",
                "app=fluent-bit",
                "--field-selector",
                "spec.nodeName=n2",
                "--no-headers");
        assertThat(out).matches("fluent-bit-bbbbb +0/1 +Pending +0 +" + AGE + "\n");
        assertThat(kubectl.ok("get", "pods", "-n", "logging", "-l", "app!=fluent-bit", "-o", "name"))
                .isEqualTo("pod/debug\n");
    }

    @Test
    void aFieldSelectorMatchingNothingPrintsNoResources() {
        var r = kubectl.run("get", "pods", "-n", "logging", "--field-selector", "spec.nodeName=n9")
                .assertOk();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("No resources found in logging namespace.\n");
    }

    @Test
    void podsInAllNamespacesCarryTheNamespace() {
        String out = kubectl.ok("get", "pods", "-A", "--field-selector", "spec.nodeName=n1");
        assertThat(out)
                .matches("NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE\n"
                        + "logging +fluent-bit-aaaaa +0/1 +Pending +0 +" + AGE + "\n");
    }

    @Test
    void showLabelsAddsTheLabelsColumn() {
        String out = kubectl.ok("get", "pods", "-n", "logging", "debug", "--show-labels");
        assertThat(out)
                .matches("NAME +READY +STATUS +RESTARTS +AGE +LABELS\n" + "debug +0/1 +Pending +0 +" + AGE
                        + " +role=debug\n");
    }

    @Test
    void nodesPrintStatusRolesAgeAndVersion() {
        String out = kubectl.ok("get", "nodes");
        assertThat(out)
                .matches("NAME +STATUS +ROLES +AGE +VERSION\n"
                        + "n1 +Ready +<none> +" + AGE + " +v1.35.2\n"
                        + "n2 +Ready +<none> +" + AGE + " +v1.35.2\n");
    }

    @Test
    void wideNodesShowAddressesAndNodeInfo() {
        String out = kubectl.ok("get", "nodes", "n1", "-o", "wide");
        assertThat(out)
                .matches(
                        "NAME +STATUS +ROLES +AGE +VERSION +INTERNAL-IP +EXTERNAL-IP +OS-IMAGE +KERNEL-VERSION +CONTAINER-RUNTIME\n"
                                + "n1 +Ready +<none> +" + AGE
                                + " +v1.35.2 +10.0.0.1 +<none> +Debian +6.1 +everynode://1\n");
    }

    @Test
    void nodesAsNames() {
        assertThat(kubectl.ok("get", "nodes", "-o", "name")).isEqualTo("node/n1\nnode/n2\n");
    }

    @Test
    void nodesAsYamlAndJsonAreListsOfCompleteObjects() {
        String yaml = kubectl.ok("get", "nodes", "-o", "yaml");
        assertThat(yaml)
                .startsWith("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Node\n")
                .contains("kind: List\n");
        var json = RawApi.parse(kubectl.ok("get", "nodes", "-o", "json"));
        assertThat(json.at("/kind").asString()).isEqualTo("List");
        assertThat(json.at("/items/0/kind").asString()).isEqualTo("Node");
        assertThat(json.at("/items/1/metadata/name").asString()).isEqualTo("n2");
        assertThat(json.at("/items/0/metadata/uid").asString()).isNotEmpty();
        var one = RawApi.parse(kubectl.ok("get", "node", "n1", "-o", "json"));
        assertThat(one.at("/kind").asString()).isEqualTo("Node");
        assertThat(one.at("/apiVersion").asString()).isEqualTo("v1");
        assertThat(one.at("/metadata/resourceVersion").asString()).isNotEmpty();
    }

    @Test
    void eventsPrintLastSeenTypeReasonObjectAndMessage() {
        String out = kubectl.ok("get", "events", "-n", "logging");
        assertThat(out)
                .matches(
                        "LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n" + AGE
                                + " +Normal +Scheduled +pod/fluent-bit-aaaaa +Successfully assigned logging/fluent-bit-aaaaa to n1\n");
        assertThat(kubectl.ok("get", "events", "-A"))
                .matches(
                        "NAMESPACE +LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n" + "logging +" + AGE
                                + " +Normal +Scheduled +pod/fluent-bit-aaaaa +Successfully assigned logging/fluent-bit-aaaaa to n1\n");
    }

    @Test
    void aMissingObjectIsNotFound() {
        var r = kubectl.run("get", "ds", "-n", "logging", "nope");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error from server (NotFound): daemonsets.apps \"nope\" not found\n");
    }

    @Test
    void anUnsupportedFieldSelectorIsABadRequest() {
        var r = kubectl.run("get", "pods", "-n", "logging", "--field-selector", "spec.foo=x");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("field label not supported: spec.foo");
    }
}

package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CustomResourceDefinitions through the real kubectl: a definition of the project's own with two
 * versions (v1 stored, v1beta1 served), printer columns, status and scale subresources; its
 * custom resources listed with those columns, read at either version, validated against the
 * schema (422 with field paths, unknown fields refused under kubectl's Strict), explained from
 * the published schema; and a deleted definition taking its objects with it (docs/crds.md).
 */
class KubectlCustomResourcesIT extends KubectlTestBase {
    static final String AGE = "\\d+[smhd]";
    static final String CRD = "widgets.example.everynode.io";

    @BeforeAll
    void installTheDefinition() throws Exception {
        world.namespace("shop");
        world.namespace("lab"); // for the objects single tests create
        kubectl.apply(resource("widgets-crd.yaml"));
        kubectl.ok("wait", "--for", "condition=Established", "crd/" + CRD, "--timeout=20s");
        kubectl.apply(widget("small", "size: 3", "tier: gold"));
        kubectl.apply(widget("large", "size: 9\n    color: blue\n    replicas: 2", "tier: silver"));
    }

    @Test
    void theDefinitionIsEstablishedWithItsNamesAccepted() {
        String out = kubectl.ok(
                "get",
                "crd",
                CRD,
                "-o",
                "jsonpath={.status.conditions[?(@.type==\"NamesAccepted\")].reason} "
                        + "{.status.conditions[?(@.type==\"Established\")].status} {.status.acceptedNames.kind} "
                        + "{.status.storedVersions}");
        assertThat(out).isEqualTo("NoConflicts True Widget [\"v1\"]");
    }

    @Test
    void getPrintsTheDefinitionsColumnsWithTheDefaultedColor() {
        String out = kubectl.ok("get", "widgets", "-n", "shop");
        assertThat(out)
                .matches("NAME +COLOR +SIZE +READY +AGE\n"
                        + "large +blue +9 +" + AGE + "\n"
                        + "small +red +3 +" + AGE + "\n");
    }

    @Test
    void wideOutputAddsThePriorityOneColumn() {
        String out = kubectl.ok("get", "wd", "large", "-n", "shop", "-o", "wide");
        assertThat(out).matches("NAME +COLOR +SIZE +READY +REPLICAS +AGE\nlarge +blue +9 +2 +" + AGE + "\n");
    }

    @Test
    void theServedVersionAnswersInItsOwnApiVersion() {
        String beta = kubectl.ok(
                "get", "widgets.v1beta1.example.everynode.io", "small", "-n", "shop", "-o", "jsonpath={.apiVersion}");
        String stored = kubectl.ok("get", "widgets", "small", "-n", "shop", "-o", "jsonpath={.apiVersion}");

        assertThat(beta).isEqualTo("example.everynode.io/v1beta1");
        assertThat(stored).isEqualTo("example.everynode.io/v1");
    }

    @Test
    void labelAndFieldSelectorsFilterCustomResources() {
        assertThat(kubectl.ok("get", "widgets", "-n", "shop", "-l", "tier=gold", "-o", "name"))
                .isEqualTo("widget.example.everynode.io/small\n");
        assertThat(kubectl.ok("get", "widgets", "-n", "shop", "--field-selector", "metadata.name=large", "-o", "name"))
                .isEqualTo("widget.example.everynode.io/large\n");
    }

    @Test
    void aValueOutsideTheSchemaIsRefusedWithItsFieldPathAndNothingIsWritten() {
        Kubectl.Result r =
                kubectl.runWithInput(widget("huge", "size: 20\n    color: pink", "tier: gold"), "apply", "-f", "-");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err())
                .contains("The Widget \"huge\" is invalid")
                .contains("spec.size: Invalid value: 20: spec.size in body should be less than or equal to 10")
                .contains("spec.color: Unsupported value: \"pink\": supported values: \"red\", \"green\", \"blue\"");
        assertThat(kubectl.run("get", "widget", "huge", "-n", "shop").err()).contains("NotFound");
    }

    @Test
    void aFieldTheSchemaDoesNotKnowIsRefusedUnderKubectlsStrictValidation() {
        Kubectl.Result r =
                kubectl.runWithInput(widget("odd", "size: 2\n    shape: round", "tier: gold"), "apply", "-f", "-");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("strict decoding error: unknown field \"spec.shape\"");
    }

    @Test
    void aFieldTheSchemaDoesNotKnowIsPrunedWhenValidationIsOff() {
        kubectl.runWithInput(
                        widget("pruned", "size: 2\n    shape: round", "tier: bronze")
                                .replace("shop", "lab"),
                        "apply",
                        "--validate=false",
                        "-f",
                        "-")
                .assertOk();

        assertThat(kubectl.ok("get", "widget", "pruned", "-n", "lab", "-o", "jsonpath={.spec}"))
                .isEqualTo("{\"color\":\"red\",\"size\":2}");
    }

    @Test
    void theStatusSubresourceAloneWritesStatus() {
        kubectl.apply(widget("status-demo", "size: 4", "tier: bronze").replace("shop", "lab"));
        kubectl.ok(
                "patch",
                "widget",
                "status-demo",
                "-n",
                "lab",
                "--subresource=status",
                "--type=merge",
                "-p",
                "{\"status\":{\"replicas\":1,\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        kubectl.ok(
                "patch",
                "widget",
                "status-demo",
                "-n",
                "lab",
                "--type=merge",
                "-p",
                "{\"spec\":{\"size\":5},\"status\":{\"replicas\":7}}");

        assertThat(kubectl.ok("get", "widget", "status-demo", "-n", "lab"))
                .matches("NAME +COLOR +SIZE +READY +AGE\nstatus-demo +red +5 +True +" + AGE + "\n");
        assertThat(kubectl.ok(
                        "get",
                        "widget",
                        "status-demo",
                        "-n",
                        "lab",
                        "-o",
                        "jsonpath={.status.replicas} {.metadata.generation}"))
                .isEqualTo("1 2");
    }

    @Test
    void kubectlScaleWritesTheSpecReplicasPath() {
        kubectl.apply(
                widget("scaled", "size: 1\n    replicas: 1", "tier: bronze").replace("shop", "lab"));

        kubectl.ok("scale", "widget", "scaled", "-n", "lab", "--replicas=4");

        assertThat(kubectl.ok("get", "widget", "scaled", "-n", "lab", "-o", "jsonpath={.spec.replicas}"))
                .isEqualTo("4");
    }

    @Test
    void strategicMergePatchIsRefusedAsUnsupportedMediaType() {
        Kubectl.Result r = kubectl.run("patch", "widget", "small", "-n", "shop", "-p", "{\"spec\":{\"size\":4}}");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("the body of the request was in an unknown format");
    }

    @Test
    void explainReadsThePublishedSchema() {
        String out = kubectl.ok("explain", "widgets.spec");

        assertThat(out)
                .contains("KIND:       Widget")
                .contains("size\t<integer> -required-")
                .contains("How big, from 1 to 10.");
    }

    @Test
    void getAllIncludesTheCategory() {
        assertThat(kubectl.ok("get", "all", "-n", "shop", "-o", "name")).contains("widget.example.everynode.io/small");
    }

    @Test
    void deletingTheDefinitionDeletesItsObjectsAndStopsServingThem() throws Exception {
        kubectl.apply(resource("gadgets-crd.yaml"));
        kubectl.ok("wait", "--for", "condition=Established", "crd/gadgets.example.everynode.io", "--timeout=20s");
        kubectl.apply(
                "apiVersion: example.everynode.io/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  anything: [1, 2]\n");
        assertThat(kubectl.ok("get", "gadgets", "-o", "name")).isEqualTo("gadget.example.everynode.io/g1\n");

        kubectl.ok("delete", "crd", "gadgets.example.everynode.io", "--timeout=20s");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/apis/example.everynode.io/v1/gadgets").code() == 404);
        assertThat(api.get("/apis/example.everynode.io/v1").code()).isEqualTo(200); // widgets still there
        assertThat(api.get("/apis/example.everynode.io/v1").body()).doesNotContain("gadgets");
        // Defined again, the kind starts empty: the object went with the definition.
        kubectl.apply(resource("gadgets-crd.yaml"));
        kubectl.ok("wait", "--for", "condition=Established", "crd/gadgets.example.everynode.io", "--timeout=20s");
        assertThat(api.object("/apis/example.everynode.io/v1/gadgets")
                        .path("items")
                        .size())
                .isZero();
        // The widgets of the same group are untouched.
        assertThat(kubectl.ok("get", "widget", "small", "-n", "shop", "-o", "name"))
                .isEqualTo("widget.example.everynode.io/small\n");
    }

    private static String widget(String name, String spec, String labels) {
        return "apiVersion: example.everynode.io/v1\nkind: Widget\nmetadata:\n  name: " + name
                + "\n  namespace: shop\n  labels:\n    " + labels.replace(": ", ": ") + "\nspec:\n    " + spec + "\n";
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KubectlCustomResourcesIT.class.getResourceAsStream("/crd/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

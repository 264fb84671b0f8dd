package io.everynode.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Custom resources over plain HTTP: versions served from one stored object, watches in the
 * watched version, discovery and OpenAPI of the definition's group, the scale subresource,
 * refusals that write nothing, namespace and owner cascades, and a restart on SQLite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomResourcesHttpIT {
    static final String V1 = "/apis/example.everynode.io/v1/namespaces/shop/widgets";
    static final String BETA = "/apis/example.everynode.io/v1beta1/namespaces/shop/widgets";

    TestServer server;
    RawApi api;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        server = TestServer.sqlite(dir);
        api = new RawApi(server.url());
        new World(api).namespace("shop");
        api.post(
                        "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                        "application/yaml",
                        resource("widgets-crd.yaml"))
                .assertCode(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(V1).code() == 200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void anObjectCreatedThroughOneVersionIsReadThroughEither() {
        ObjectNode created =
                api.create(BETA, widget("either", 2).replace("everynode.io/v1\"", "everynode.io/v1beta1\""));

        ObjectNode asV1 = api.object(V1 + "/either");
        ObjectNode asBeta = api.object(BETA + "/either");

        assertThat(created.path("apiVersion").asString()).isEqualTo("example.everynode.io/v1beta1");
        assertThat(asV1.path("apiVersion").asString()).isEqualTo("example.everynode.io/v1");
        assertThat(asBeta.path("apiVersion").asString()).isEqualTo("example.everynode.io/v1beta1");
        assertThat(asV1.at("/metadata/uid")).isEqualTo(asBeta.at("/metadata/uid"));
        assertThat(asV1.at("/metadata/generation").asLong()).isEqualTo(1);
        assertThat(asV1.at("/spec/color").asString()).isEqualTo("red");
    }

    @Test
    void aWatchOfTheServedVersionSeesObjectsInItsApiVersion() throws Exception {
        String rv = api.object(BETA).at("/metadata/resourceVersion").asString();
        HttpResponse<Stream<String>> watch =
                api.stream(BETA + "?watch=true&resourceVersion=" + rv + "&timeoutSeconds=10");
        try (Stream<String> lines = watch.body()) {
            api.create(V1, widget("watched", 3));
            Iterator<String> it = lines.iterator();
            JsonNode event = RawApi.parse(it.next());

            assertThat(event.path("type").asString()).isEqualTo("ADDED");
            assertThat(event.at("/object/apiVersion").asString()).isEqualTo("example.everynode.io/v1beta1");
            assertThat(event.at("/object/metadata/name").asString()).isEqualTo("watched");
        }
    }

    @Test
    void discoveryListsBothVersionsWithTheStorageVersionPreferred() {
        ObjectNode group = api.object("/apis/example.everynode.io");
        ObjectNode resources = api.object("/apis/example.everynode.io/v1beta1");

        assertThat(group.at("/preferredVersion/version").asString()).isEqualTo("v1");
        assertThat(group.path("versions").findValuesAsString("version")).containsExactly("v1", "v1beta1");
        assertThat(resources.path("resources").findValuesAsString("name"))
                .containsExactly("widgets", "widgets/status", "widgets/scale");
        assertThat(resources.path("resources").get(2).path("kind").asString()).isEqualTo("Scale");
        assertThat(resources.path("resources").get(0).path("shortNames").get(0).asString())
                .isEqualTo("wd");
    }

    @Test
    void openApiPublishesTheGroupVersionWithItsPatchParametersAndSchema() {
        ObjectNode root = api.object("/openapi/v3");
        ObjectNode doc = api.object("/openapi/v3/apis/example.everynode.io/v1");

        assertThat(root.path("paths").has("apis/example.everynode.io/v1")).isTrue();
        assertThat(doc.path("paths").has("/apis/example.everynode.io/v1/namespaces/{namespace}/widgets/{name}"))
                .isTrue();
        assertThat(doc.toString()).contains("\"fieldValidation\"");
        JsonNode schema = doc.at("/components/schemas/io.everynode.example.v1.Widget");
        assertThat(schema.at("/properties/spec/properties/size/type").asString())
                .isEqualTo("integer");
        assertThat(schema.at("/x-kubernetes-group-version-kind/0/kind").asString())
                .isEqualTo("Widget");
    }

    @Test
    void theScaleSubresourceReadsAndWritesThroughTheDefinitionsPaths() {
        api.create(V1, widget("scaled", 1));
        api.patch(
                        V1 + "/scaled/status",
                        "application/merge-patch+json",
                        "{\"status\":{\"replicas\":1,\"selector\":\"app=scaled\"}}")
                .assertCode(200);

        api.patch(V1 + "/scaled/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":5}}")
                .assertCode(200);
        ObjectNode scale = api.object(BETA + "/scaled/scale");

        assertThat(scale.path("kind").asString()).isEqualTo("Scale");
        assertThat(scale.path("apiVersion").asString()).isEqualTo("autoscaling/v1");
        assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(scale.at("/status/replicas").asInt()).isEqualTo(1);
        assertThat(scale.at("/status/selector").asString()).isEqualTo("app=scaled");
        assertThat(api.object(V1 + "/scaled").at("/spec/replicas").asInt()).isEqualTo(5);
    }

    @Test
    void anInvalidObjectIsAStatusWithCausesAndNothingIsWritten() {
        RawApi.Reply r = api.post(V1, widget("bad", 0).replace("\"size\":0", "\"size\":0,\"label\":\"Not_A-Label!\""));

        ObjectNode status = r.assertCode(422).json();
        assertThat(status.path("kind").asString()).isEqualTo("Status");
        assertThat(status.path("reason").asString()).isEqualTo("Invalid");
        assertThat(status.at("/details/causes").findValuesAsString("field")).contains("spec.size", "spec.label");
        assertThat(api.exists(V1 + "/bad")).isFalse();
    }

    @Test
    void anInvalidDefinitionIsRefusedAndNotServed() {
        RawApi.Reply r = api.post(
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                "application/yaml",
                "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: things.bad.io}\n"
                        + "spec:\n  group: bad.io\n  scope: Namespaced\n  names: {plural: things, kind: Thing}\n"
                        + "  versions: [{name: v1, served: true, storage: true}]\n");

        ObjectNode status = r.assertCode(422).json();
        assertThat(status.path("message").asString())
                .contains("spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required");
        assertThat(api.exists("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/things.bad.io"))
                .isFalse();
        assertThat(api.get("/apis/bad.io/v1").code()).isEqualTo(404);
    }

    @Test
    void deletingTheNamespaceOrTheOwnerDeletesCustomResources() {
        new World(api).namespace("temp");
        String temp = "/apis/example.everynode.io/v1/namespaces/temp/widgets";
        api.create(temp, widget("in-temp", 1).replace("\"shop\"", "\"temp\""));
        ObjectNode owner = api.create("/api/v1/namespaces/shop/configmaps", "{\"metadata\":{\"name\":\"owner\"}}");
        api.create(
                V1,
                widget("owned", 1)
                        .replace(
                                "\"namespace\":\"shop\"",
                                "\"namespace\":\"shop\",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                                        + "\"name\":\"owner\",\"uid\":\""
                                        + owner.at("/metadata/uid").asString()
                                        + "\"}]"));

        api.delete("/api/v1/namespaces/temp", "{}");
        api.delete("/api/v1/namespaces/shop/configmaps/owner", "{}");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !api.exists(temp + "/in-temp") && !api.exists(V1 + "/owned"));
    }

    @Test
    void aRestartServesTheDefinitionAndItsObjectsAtOnce(@TempDir Path dir) throws Exception {
        ObjectNode before;
        try (TestServer first = TestServer.sqlite(dir)) {
            RawApi a = new RawApi(first.url());
            new World(a).namespace("shop");
            a.post(
                            "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                            "application/yaml",
                            resource("widgets-crd.yaml"))
                    .assertCode(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> a.get(V1).code() == 200);
            before = a.create(V1, widget("kept", 4));
        }
        try (TestServer second = TestServer.sqlite(dir)) {
            RawApi a = new RawApi(second.url());

            assertThat(a.object(BETA + "/kept").at("/metadata/uid")).isEqualTo(before.at("/metadata/uid"));
        }
    }

    private static String widget(String name, int size) {
        return "{\"apiVersion\":\"example.everynode.io/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"shop\"},\"spec\":{\"size\":" + size + "}}";
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CustomResourcesHttpIT.class.getResourceAsStream("/crd/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package io.everynode.apiserver.protobuf;

import static io.everynode.apiserver.protobuf.ProtobufDecoderTest.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.UnknownFieldSet;
import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.RawApi.Reply;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Protobuf bodies over real HTTP: created as JSON would be, refused with a Status (415 for what
 * only JSON can carry here, 400 for a malformed body) without writing anything, and a protobuf
 * DeleteOptions honoured.
 */
class ProtobufBodiesIT {
    static final String PB = "application/vnd.kubernetes.protobuf";
    static final String CONFIG_MAPS = "/api/v1/namespaces/pb/configmaps";
    static TestServer server;
    static RawApi api;
    static World world;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        api = new RawApi(server.url());
        world = new World(api);
        world.namespace("pb");
        world.node("node-1");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static V1.ConfigMap configMap(String name) {
        return V1.ConfigMap.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName(name).putLabels("app", "shipper"))
                .putData("level", "debug")
                .build();
    }

    private static void assertStatus(Reply r, int code, String reason) {
        assertThat(r.code()).as(r.body()).isEqualTo(code);
        ObjectNode s = r.json();
        assertThat(s.at("/kind").asString()).isEqualTo("Status");
        assertThat(s.at("/reason").asString()).isEqualTo(reason);
    }

    @Test
    void aProtobufConfigMapIsCreatedAndAnsweredAsJson() {
        Reply r = api.post(CONFIG_MAPS, envelope("v1", "ConfigMap", configMap("settings")), PB);

        assertThat(r.code()).as(r.body()).isEqualTo(201);
        assertThat(r.json().at("/metadata/uid").asString()).isNotEmpty();
        ObjectNode stored = api.object(CONFIG_MAPS + "/settings");
        assertThat(stored.at("/data/level").asString()).isEqualTo("debug");
        assertThat(stored.at("/metadata/labels/app").asString()).isEqualTo("shipper");
    }

    @Test
    void aFieldThisServerDoesNotKnowIs415AndWritesNothing() {
        V1.ConfigMap withUnknown = configMap("newer").toBuilder()
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(
                                42,
                                UnknownFieldSet.Field.newBuilder().addVarint(7).build())
                        .build())
                .build();

        Reply r = api.post(CONFIG_MAPS, envelope("v1", "ConfigMap", withUnknown), PB);

        assertStatus(r, 415, "UnsupportedMediaType");
        assertThat(r.json().at("/message").asString())
                .startsWith("field number 42 of k8s.io.api.core.v1.ConfigMap (at ConfigMap) is not known")
                .endsWith("accepted media types include: application/json, application/yaml");
        assertThat(api.exists(CONFIG_MAPS + "/newer")).isFalse();
    }

    @Test
    void aMalformedProtobufBodyIs400AndAKindOfAnotherUrlIsRefused() {
        assertStatus(api.post(CONFIG_MAPS, new byte[] {'k', '8', 's', 0, 0x12, 0x7f}, PB), 400, "BadRequest");
        Reply wrongKind = api.post(CONFIG_MAPS, envelope("v1", "Secret", V1.Secret.getDefaultInstance()), PB);
        assertStatus(wrongKind, 400, "BadRequest");
        assertThat(wrongKind.json().at("/message").asString()).contains("does not match the kind of the URL");
    }

    @Test
    void aProtobufDeleteOptionsWithGracePeriodZeroDeletesABoundPodAtOnce() throws Exception {
        world.barePod("pb", "graceful", "node-1", "{\"app\":\"x\"}");
        world.barePod("pb", "immediate", "node-1", "{\"app\":\"x\"}");
        byte[] now = envelope(
                "v1",
                "DeleteOptions",
                Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(0).build());
        byte[] defaults = envelope("v1", "DeleteOptions", Meta.DeleteOptions.getDefaultInstance());

        assertThat(delete("/api/v1/namespaces/pb/pods/immediate", now)).isEqualTo(200);
        assertThat(delete("/api/v1/namespaces/pb/pods/graceful", defaults)).isEqualTo(200);

        assertThat(api.exists("/api/v1/namespaces/pb/pods/immediate")).isFalse();
        assertThat(api.object("/api/v1/namespaces/pb/pods/graceful")
                        .at("/metadata/deletionGracePeriodSeconds")
                        .asInt())
                .isEqualTo(30);
    }

    private static int delete(String path, byte[] body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + path))
                                .header("Content-Type", PB)
                                .method("DELETE", HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }
}

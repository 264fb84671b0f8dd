package io.everynode.apiserver.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.RawHttp;
import io.everynode.apiserver.testing.RawHttp.Answer;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * A web page must not be able to write to the API (issue 9, item 2): the body types a browser
 * sends cross-origin without a preflight are 415, as kube-apiserver answers them, and a Host
 * header that names another site (DNS rebinding) is 421. Each refusal is a Status and writes
 * nothing.
 */
class CrossSiteWriteIT {
    static final String DAEMONSETS = "/apis/apps/v1/namespaces/site/daemonsets";
    static final String OBJECT_TYPES = "application/json, application/yaml, application/vnd.kubernetes.protobuf";
    static TestServer server;
    static RawApi api;
    static RawHttp raw;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        api = new RawApi(server.url());
        raw = new RawHttp(server.port());
        new World(api).namespace("site");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static ObjectNode status(Answer a, int code, String reason) {
        assertThat(a.code()).as(a.body()).isEqualTo(code);
        assertThat(a.header("Content-Type")).isEqualTo("application/json");
        ObjectNode s = a.json();
        assertThat(s.at("/kind").asString()).isEqualTo("Status");
        assertThat(s.at("/apiVersion").asString()).isEqualTo("v1");
        assertThat(s.at("/status").asString()).isEqualTo("Failure");
        assertThat(s.at("/code").asInt()).isEqualTo(code);
        assertThat(s.at("/reason").asString()).isEqualTo(reason);
        return s;
    }

    long revision() {
        return Long.parseLong(
                api.object(DAEMONSETS).at("/metadata/resourceVersion").asString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "text/plain;charset=UTF-8"
            })
    void aCrossOriginSimpleRequestCannotCreateADaemonSet(String contentType) {
        long before = revision();
        Answer a = raw.exchange(
                "POST " + DAEMONSETS + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                        + "\r\nOrigin: http://evil.example\r\nContent-Type: " + contentType,
                World.daemonSetJson("evil"));
        ObjectNode s = status(a, 415, "UnsupportedMediaType");
        assertThat(s.at("/message").asString())
                .isEqualTo("the body of the request was in an unknown format - accepted media types include: "
                        + OBJECT_TYPES);
        assertThat(api.exists(DAEMONSETS + "/evil")).isFalse();
        assertThat(revision()).isEqualTo(before);
    }

    @Test
    void jsonYamlAndNoContentTypeAtAllStillCreate() {
        api.post(DAEMONSETS, "application/json", World.daemonSetJson("as-json")).assertCode(201);
        api.post(DAEMONSETS, "application/yaml", World.daemonSetJson("as-yaml")).assertCode(201);
        Answer a = raw.exchange("POST " + DAEMONSETS + " HTTP/1.1\r\nHost: 127.0.0.1", World.daemonSetJson("untyped"));
        assertThat(a.code()).as(a.body()).isEqualTo(201);
        assertThat(api.exists(DAEMONSETS + "/untyped")).isTrue();
    }

    @Test
    void anUpdateInTextPlainIsUnsupportedAndChangesNothing() {
        ObjectNode ds = api.create(DAEMONSETS, World.daemonSetJson("put-plain"));
        String changed = ds.toString().replace("busybox:1.36", "busybox:1.37");
        Answer a = raw.exchange(
                "PUT " + DAEMONSETS + "/put-plain HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain", changed);
        status(a, 415, "UnsupportedMediaType");
        assertThat(api.object(DAEMONSETS + "/put-plain")).isEqualTo(ds);
    }

    @Test
    void aPatchInAnyButThePatchTypesIsUnsupported() {
        ObjectNode ds = api.create(DAEMONSETS, World.daemonSetJson("patch-plain"));
        for (String type : new String[] {"text/plain", "application/json", "application/x-www-form-urlencoded"}) {
            Answer a = raw.exchange(
                    "PATCH " + DAEMONSETS + "/patch-plain HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type,
                    "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
            assertThat(status(a, 415, "UnsupportedMediaType").at("/message").asString())
                    .isEqualTo(
                            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json,"
                                    + " application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml");
        }
        assertThat(api.object(DAEMONSETS + "/patch-plain")).isEqualTo(ds);
    }

    @Test
    void aDeleteWithATextPlainBodyIsUnsupportedButADeleteWithoutBodyIsNot() {
        api.create(DAEMONSETS, World.daemonSetJson("del"));
        Answer refused = raw.exchange(
                "DELETE " + DAEMONSETS + "/del HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain",
                "{\"propagationPolicy\":\"Background\"}");
        status(refused, 415, "UnsupportedMediaType");
        assertThat(api.exists(DAEMONSETS + "/del")).isTrue();
        Answer done = raw.exchange(
                "DELETE " + DAEMONSETS + "/del HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain", null);
        assertThat(done.code()).as(done.body()).isEqualTo(200);
        assertThat(api.exists(DAEMONSETS + "/del")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"evil.example", "evil.example:6443", "127.0.0.1.nip.io", "localhost.evil.example", "10.0.0.1"})
    void aHostHeaderNamingAnotherSiteIsMisdirectedAndWritesNothing(String host) {
        long before = revision();
        Answer a = raw.exchange(
                "POST " + DAEMONSETS + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json",
                World.daemonSetJson("rebound"));
        ObjectNode s = status(a, 421, "MisdirectedRequest");
        assertThat(s.at("/message").asString())
                .isEqualTo("the Host header \"" + host + "\" does not name this server: while"
                        + " the API has no authentication it answers only requests addressed to localhost, a loopback IP address or its"
                        + " bind address, to keep web pages (DNS rebinding) out; connect to http://127.0.0.1:"
                        + server.port() + " instead");
        assertThat(api.exists(DAEMONSETS + "/rebound")).isFalse();
        assertThat(revision()).isEqualTo(before);
    }

    @Test
    void aForeignHostCannotReadEither() {
        status(raw.exchange("GET " + DAEMONSETS + " HTTP/1.1\r\nHost: evil.example", null), 421, "MisdirectedRequest");
        status(raw.exchange("GET /version HTTP/1.1\r\nHost: evil.example", null), 421, "MisdirectedRequest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST:1234", "127.0.0.1", "127.1.2.3:80", "[::1]", "[::1]:6443"})
    void loopbackNamesAreServed(String host) {
        Answer a = raw.exchange("GET " + DAEMONSETS + " HTTP/1.1\r\nHost: " + host, null);
        assertThat(a.code()).as(a.body()).isEqualTo(200);
    }

    @Test
    void anHttp10RequestWithoutHostIsServed() {
        Answer a = raw.exchange("GET /version HTTP/1.0", null);
        assertThat(a.code()).as(a.body()).isEqualTo(200);
    }
}

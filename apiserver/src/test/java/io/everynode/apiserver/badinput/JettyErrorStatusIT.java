package io.everynode.apiserver.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.RawHttp;
import io.everynode.apiserver.testing.RawHttp.Answer;
import io.everynode.apiserver.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests Jetty refuses before they reach the API (issue 9, item 7) are answered with a
 * Kubernetes Status too, never an empty body or Jetty's HTML page.
 */
class JettyErrorStatusIT {
    static TestServer server;
    static RawHttp raw;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        raw = new RawHttp(server.port());
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

    @Test
    void aMalformedRequestLineIsABadRequestStatus() {
        ObjectNode s =
                status(raw.exchange("GET /api/v1 HTTP/1.1 trailing-words\r\nHost: localhost", null), 400, "BadRequest");
        assertThat(s.at("/message").asString()).startsWith("the server could not read the request");
    }

    @Test
    void aRequestWithoutHostInHttp11IsABadRequestStatus() {
        status(raw.exchange("GET /version HTTP/1.1", null), 400, "BadRequest");
    }

    @Test
    void anOverlongUriIsRequestUriTooLongStatus() {
        String selector = "a=" + "b".repeat(20_000);
        ObjectNode s = status(
                raw.exchange("GET /api/v1/pods?labelSelector=" + selector + " HTTP/1.1\r\nHost: localhost", null),
                414,
                "RequestURITooLong");
        assertThat(s.at("/message").asString()).startsWith("the request URI is too long");
    }

    @Test
    void oversizedHeadersAreRequestHeaderFieldsTooLargeStatus() {
        ObjectNode s = status(
                raw.exchange("GET /version HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(20_000), null),
                431,
                "RequestHeaderFieldsTooLarge");
        assertThat(s.at("/message").asString()).startsWith("the request headers are too large");
    }
}

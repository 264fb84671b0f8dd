package io.everynode.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.watch.PooledDispatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 9, item 6: at most so many requests in flight, as upstream's
 * {@code --max-requests-inflight} and {@code --max-mutating-requests-inflight}. With limits of
 * one, a request whose body is still arriving holds the slot.
 */
class InflightLimitIT {
    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""";
    private TestServer server;
    private RawApi api;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.memory(
                ApiServerConfig.defaults().withInflightLimits(1, 1), Clock.systemUTC(), PooledDispatch.forMachine());
        api = new RawApi(server.url());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private RawSocket holdWith(String method, String path) throws Exception {
        String body = POD.formatted("held");
        RawSocket s = new RawSocket(server.port());
        s.send(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body.substring(0, 10));
        return s;
    }

    @Test
    void aWriteOverTheMutatingLimitIsRefusedWith429AndRetryAfterUntilTheSlotFrees() throws Exception {
        String body = POD.formatted("held");
        RawSocket held = holdWith("POST", "/api/v1/namespaces/default/pods");
        try {
            HttpResponse<String> refused = await().atMost(Duration.ofSeconds(10))
                    .until(() -> post(POD.formatted("second")), r -> r.statusCode() == 429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            ObjectNode status = new RawApi.Reply(refused.statusCode(), refused.body()).json();
            assertThat(status.path("kind").asString()).isEqualTo("Status");
            assertThat(status.path("reason").asString()).isEqualTo("TooManyRequests");
            assertThat(status.path("message").asString()).isEqualTo("Too many requests, please try again later.");
            assertThat(status.path("code").asInt()).isEqualTo(429);
            assertThat(status.path("details").path("retryAfterSeconds").asInt()).isEqualTo(1);
            // Reads have their own limit, and nothing of the refused write was stored.
            api.get("/api/v1/namespaces/default/pods/second").assertCode(404);

            held.send(body.substring(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> held.received().startsWith("HTTP/1.1 201"));
        } finally {
            held.close();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> post(POD.formatted("second")).statusCode() == 201);
    }

    @Test
    void watchesAreNotCountedAgainstTheReadOnlyLimit() throws Exception {
        RawSocket held = holdWith("GET", "/api/v1/namespaces/default/pods");
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> api.get("/api/v1/namespaces").code() == 429);
            try (RawSocket watch = new RawSocket(server.port())) {
                watch.send("GET /api/v1/namespaces/default/pods?watch=true HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                        + "\r\n\r\n");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> watch.received().startsWith("HTTP/1.1 200"));
            }
        } finally {
            held.close();
        }
    }

    @Test
    void aPathTheRouterRefusesIsCountedAndStillAnsweredWithItsStatus() {
        RawApi.Reply r = api.get("/api/v1/nodes/n1/log/extra/parts");
        r.assertCode(404);
        assertThat(r.json().path("kind").asString()).isEqualTo("Status");
        api.get("/api/v1/namespaces").assertCode(200); // the slot was given back
    }

    private HttpResponse<String> post(String json) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces/default/pods"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}

package io.everynode.apiserver.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.watch.PooledDispatch;
import io.everynode.testkit.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A deleted namespace keeps its contents for upstream's grace period, on the server's clock. */
class NamespaceDeletionGraceIT {
    private final ManualClock clock = new ManualClock();
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.memory(ApiServerConfig.defaults(), clock, PooledDispatch.forMachine());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDeletedNamespaceKeepsItsContentsForFiveSecondsThenEmptiesAndGoes() throws Exception {
        assertThat(send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"team\"}}"))
                .isEqualTo(201);
        assertThat(send(
                        "POST",
                        "/api/v1/namespaces/team/configmaps",
                        "{\"metadata\":{\"name\":\"settings\"},\"data\":{\"a\":\"1\"}}"))
                .isEqualTo(201);

        assertThat(send("DELETE", "/api/v1/namespaces/team", null)).isEqualTo(200);

        // Within the grace period the contents stay, so `kubectl delete -f` can still delete them.
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> send("GET", "/api/v1/namespaces/team/configmaps/settings", null) == 200);
        assertThat(send("DELETE", "/api/v1/namespaces/team/configmaps/settings", null))
                .isEqualTo(200);
        assertThat(send(
                        "POST",
                        "/api/v1/namespaces/team/configmaps",
                        "{\"metadata\":{\"name\":\"late\"},\"data\":{\"a\":\"1\"}}"))
                .as("creates in a Terminating namespace are refused")
                .isEqualTo(403);

        clock.advance(Duration.ofSeconds(6));
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/api/v1/namespaces/team", null) == 404);
    }

    @Test
    void theContentsGoOnceTheGracePeriodHasPassed() throws Exception {
        send("POST", "/api/v1/namespaces", "{\"metadata\":{\"name\":\"team\"}}");
        send(
                "POST",
                "/api/v1/namespaces/team/configmaps",
                "{\"metadata\":{\"name\":\"settings\"},\"data\":{\"a\":\"1\"}}");
        send("DELETE", "/api/v1/namespaces/team", null);

        clock.advance(Duration.ofSeconds(6));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> send("GET", "/api/v1/namespaces/team/configmaps/settings", null) == 404);
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/api/v1/namespaces/team", null) == 404);
    }

    private int send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

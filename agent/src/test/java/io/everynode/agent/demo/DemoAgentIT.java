package io.everynode.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAgentIT {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private DemoAgent agent;

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() {
        if (agent != null) agent.stop();
    }

    private DemoAgent start(Map<String, String> env) throws Exception {
        agent = new DemoAgent(env, new PrintStream(out, true, StandardCharsets.UTF_8));
        agent.start();
        return agent;
    }

    private int get(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private int post(String path) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                                .timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void itAnswersHealthzAndReadyThenFailsHealthOnCommand() throws Exception {
        start(Map.of("PORT", "0", "BIND", "127.0.0.1"));
        assertThat(get("/healthz")).isEqualTo(200);
        assertThat(get("/ready")).isEqualTo(200);
        assertThat(post("/control/fail-health")).isEqualTo(200);
        assertThat(get("/healthz")).isEqualTo(500);
        assertThat(get("/ready")).isEqualTo(200);
        assertThat(post("/control/recover")).isEqualTo(200);
        assertThat(get("/healthz")).isEqualTo(200);
        assertThat(post("/control/unready")).isEqualTo(200);
        assertThat(get("/ready")).isEqualTo(503);
    }

    @Test
    void onceHangIsAnsweredTheAgentAnswersNothingMore() throws Exception {
        start(Map.of("PORT", "0", "BIND", "127.0.0.1"));
        assertThat(post("/control/hang")).isEqualTo(200);
        // The very next request must already meet the hung agent: no answer within its timeout.
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/healthz"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> http.send(probe, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    @Test
    void itLogsALineASecond() throws Exception {
        start(Map.of("PORT", "0", "BIND", "127.0.0.1"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> out.toString(StandardCharsets.UTF_8).contains("alive tick=2"));
    }

    @Test
    void failingHealthCanBeScheduledThroughTheEnvironment() throws Exception {
        start(Map.of("PORT", "0", "BIND", "127.0.0.1", "FAIL_HEALTH_AFTER_SECONDS", "0"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/healthz") == 500);
    }

    @Test
    void holdingMemoryIsLoggedAndControlEndpointsWantPost() throws Exception {
        start(Map.of("PORT", "0", "BIND", "127.0.0.1"));
        assertThat(get("/control/hold-memory?mib=2")).isEqualTo(405);
        assertThat(post("/control/hold-memory?mib=2")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> out.toString(StandardCharsets.UTF_8).contains("holding 2 MiB"));
    }

    @Test
    void theImageEntrypointRunsThisJvmOnTheDemoAgentClass() throws Exception {
        Path image = DemoImage.install(dir.resolve("images"), "/some/where/everynode.jar");
        String script = Files.readString(image.resolve("entrypoint"));
        assertThat(image).isEqualTo(dir.resolve("images/everynode/demo-agent/1"));
        assertThat(script)
                .startsWith("#!/bin/sh")
                .contains("-cp '/some/where/everynode.jar' io.everynode.agent.demo.DemoAgent")
                .contains(System.getProperty("java.home"));
        assertThat(Files.isExecutable(image.resolve("entrypoint"))).isTrue();
    }
}

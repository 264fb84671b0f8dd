package io.everynode.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.everynode.agent.AgentJar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The log relay as a real process (no namespace prefix here; {@code up --runtime process} puts
 * {@code nsenter --net=…} in front): bytes through, a clear failure when it cannot listen, and
 * no relay left behind by a parent that goes away.
 */
class LogRelayIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private HttpServer target;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void startTarget() throws IOException {
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/", ex -> {
            byte[] body = ("you asked for " + ex.getRequestURI()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
    }

    @AfterEach
    void stopTarget() {
        target.stop(0);
    }

    @Test
    void requestsToTheRelayReachItsTargetAndItsAnswersComeBack() throws Exception {
        try (RelayProcess relay = RelayProcess.start(
                List.of(), "127.0.0.1", 0, "127.0.0.1", target.getAddress().getPort(), READY)) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + relay.port()
                                        + "/containerLogs/default/web/main?tailLines=" + i))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("you asked for /containerLogs/default/web/main?tailLines=" + i);
            }
        }
    }

    @Test
    void aClosedRelayIsGoneAndItsPortFree() throws Exception {
        RelayProcess relay = RelayProcess.start(
                List.of(), "127.0.0.1", 0, "127.0.0.1", target.getAddress().getPort(), READY);
        int port = relay.port();

        relay.close();

        assertThat(relay.isAlive()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void aRelayThatCannotListenSaysWhy() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() ->
                            RelayProcess.start(List.of(), "127.0.0.1", taken.getLocalPort(), "127.0.0.1", 1, READY))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot start the log relay on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("log relay: cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void theRelayExitsWhenItsParentsEndOfTheStandardInputCloses() throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        AgentJar.classPath(),
                        LogRelay.class.getName(),
                        "127.0.0.1",
                        "0",
                        "127.0.0.1",
                        Integer.toString(target.getAddress().getPort()))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("listening on 127.0.0.1:");

            p.getOutputStream().close();

            await().atMost(Duration.ofSeconds(30)).until(() -> !p.isAlive());
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }
}

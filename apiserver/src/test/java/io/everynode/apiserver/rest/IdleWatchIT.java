package io.everynode.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.testing.ManualDispatch;
import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.testkit.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 1: a watch without {@code allowWatchBookmarks} (what {@code kubectl get -w} opens)
 * used to spin once its first bookmark time had passed. Here the server's clock and its watch
 * dispatch are manual, so the test counts how often open watches wake over a simulated minute.
 */
class IdleWatchIT {
    private final ManualClock clock = new ManualClock();
    private final ManualDispatch dispatch = new ManualDispatch(clock);
    private final HttpClient http = HttpClient.newHttpClient();
    private TestServer server;
    private RawApi api;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.memory(ApiServerConfig.defaults(), clock, dispatch);
        api = new RawApi(server.url());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** An open watch: the lines it has received, and whether its stream has ended. */
    private record Watching(List<String> lines, AtomicBoolean ended) {}

    private Watching watch(String query) throws Exception {
        HttpResponse<Stream<String>> resp = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/namespaces/default/pods?" + query))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(resp.statusCode()).isEqualTo(200);
        Watching w = new Watching(new CopyOnWriteArrayList<>(), new AtomicBoolean());
        Thread reader = new Thread(
                () -> {
                    try (Stream<String> body = resp.body()) {
                        body.forEach(w.lines()::add);
                    } catch (RuntimeException e) {
                        // the stream broke: it ended all the same
                    }
                    w.ended().set(true);
                },
                "watch-reader");
        reader.setDaemon(true);
        reader.start();
        return w;
    }

    private void createPod(String name) {
        api.create("/api/v1/namespaces/default/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},"spec":{"containers":[{"name":"c","image":"busybox"}]}}""".formatted(name));
    }

    @Test
    void aWatchWithoutBookmarksStaysAsleepForAMinuteAndStillDeliversTheNextChange() throws Exception {
        Watching w = watch("watch=true&resourceVersion="
                + api.get("/api/v1/namespaces/default/pods")
                        .json()
                        .path("metadata")
                        .path("resourceVersion")
                        .asString());
        // The client sees the headers just before the watch first looks for work: let it.
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatch.runs() >= 1);
        dispatch.settle();
        int before = dispatch.runs();

        dispatch.advance(Duration.ofMinutes(1), Duration.ofMillis(250));

        // The old loop woke at least once a second, then thousands of times a second after 30 s.
        assertThat(dispatch.runs() - before).isZero();
        assertThat(w.ended()).isFalse();
        createPod("after-a-minute");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> w.lines().stream().anyMatch(l -> l.contains("\"ADDED\"") && l.contains("after-a-minute")));
    }

    @Test
    void aWatchWithBookmarksWakesOnlyForItsBookmarksEveryThirtySeconds() throws Exception {
        Watching w = watch("watch=true&allowWatchBookmarks=true");
        await().atMost(Duration.ofSeconds(10)).until(() -> dispatch.runs() >= 1);
        dispatch.settle();
        int before = dispatch.runs();

        dispatch.advance(Duration.ofMinutes(1), Duration.ofMillis(250));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> w.lines().stream()
                                .filter(l -> l.contains("\"BOOKMARK\""))
                                .count()
                        == 2);
        // Each bookmark: the timer, the write, and the wake after the write completes.
        assertThat(dispatch.runs() - before).isBetween(2, 8);
    }

    @Test
    void aWatchEndsAtItsTimeoutOnTheServersClock() throws Exception {
        Watching w = watch("watch=true&timeoutSeconds=90");
        dispatch.advance(Duration.ofSeconds(60), Duration.ofSeconds(1));
        assertThat(w.ended()).isFalse();

        dispatch.advance(Duration.ofSeconds(31), Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(10)).untilTrue(w.ended());
    }
}

package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.ManualClock;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An HTTP client facing servers that accept connections and then say nothing (a stopped process). */
class HungServerIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BOOKMARK =
            "{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":\"7\"}}}";

    private final ManualClock clock = new ManualClock();
    /** A 10 s idle timeout on the test's clock; the request timeout each test sets for its peers. */
    private final ClientConfig config = ClientConfig.defaults().withWatchIdleTimeout(Duration.ofSeconds(10));

    private SilentPeer peer;
    private SilentPeer other;
    private Transport transport;

    @AfterEach
    void tearDown() throws Exception {
        if (transport != null) transport.close();
        if (peer != null) peer.close();
        if (other != null) other.close();
    }

    private static Transport.Request watch(boolean bookmarks) {
        return new Transport.Request(
                "GET",
                "/api/v1/pods",
                Map.of("watch", List.of("true"), "allowWatchBookmarks", List.of(String.valueOf(bookmarks))),
                null,
                null);
    }

    private static CompletableFuture<String> nextLine(Transport.Lines lines) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return lines.next();
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    @Test
    void aWatchWithBookmarksThatFallsSilentForLongerThanTheIdleTimeoutFailsWithATimeout() throws Exception {
        peer = new SilentPeer(BOOKMARK);
        transport = new HttpTransport(peer.url(), config, null, null, clock); // 30 s for the answer
        Transport.Lines lines = transport.stream(watch(true)).lines();
        assertThat(lines.next()).isEqualTo(BOOKMARK);
        CompletableFuture<String> next = nextLine(lines);

        clock.advance(Duration.ofSeconds(11));

        await().atMost(WAIT).until(next::isDone);
        assertThat(next)
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause()
                .isInstanceOf(HttpTimeoutException.class)
                .withMessageContaining("silent for longer than PT10S");
    }

    @Test
    void aWatchRequestThatGetsNoAnswerFailsOverToTheNextServer() throws Exception {
        peer = new SilentPeer(null);
        other = new SilentPeer(BOOKMARK);
        ClientConfig threeSeconds = config.withRequestTimeout(Duration.ofSeconds(3));
        FailoverTransport failover = new FailoverTransport(List.of(
                new HttpTransport(peer.url(), threeSeconds, null, null, clock),
                new HttpTransport(other.url(), threeSeconds, null, null, clock)));
        transport = failover;

        Transport.Lines lines = failover.stream(watch(true)).lines();

        assertThat(lines.next()).isEqualTo(BOOKMARK);
        assertThat(failover.current()).isEqualTo(1);
    }

    @Test
    void aWatchRequestThatGetsNoAnswerFailsWithATimeout() throws Exception {
        peer = new SilentPeer(null);
        transport = new HttpTransport(peer.url(), config.withRequestTimeout(Duration.ofMillis(500)), null, null, clock);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> transport.stream(watch(true)))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessageContaining("no answer to /api/v1/pods");
    }
}

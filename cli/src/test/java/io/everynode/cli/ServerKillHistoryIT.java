package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.Kubeconfig;
import io.everynode.testkit.history.ApiResource;
import io.everynode.testkit.history.History;
import io.everynode.testkit.history.HistoryChecker;
import io.everynode.testkit.history.Operation;
import io.everynode.testkit.history.Outcome;
import io.everynode.testkit.history.RecordingClient;
import io.everynode.testkit.history.RecordingWatcher;
import io.everynode.testkit.history.WatchRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code everynode server} on SQLite killed with {@code kill -9} during a write burst, then
 * restarted on the same data directory, all through the HTTP API and the history checker: three
 * writers create, update and delete ConfigMaps while a watcher follows them across the crash;
 * afterwards no acknowledged write is lost or changed, writes cut off by the kill happened wholly
 * or not at all, and the watch has no gap and no duplicate.
 */
class ServerKillHistoryIT {
    private static final Pattern LISTENING = Pattern.compile("everynode server listening on (\\S+) ");
    private static final ApiResource CONFIG_MAPS = ApiResource.core("configmaps");
    private static final int WRITERS = 3;

    @TempDir
    Path dir;

    private final History history = new History();
    private final AtomicReference<URI> url = new AtomicReference<>();
    private final AtomicBoolean up = new AtomicBoolean();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final List<Thread> writers = new ArrayList<>();
    private Process server;
    private RecordingWatcher watcher;

    @AfterEach
    void tearDown() throws Exception {
        stop.set(true);
        for (Thread w : writers) w.join(30_000);
        if (watcher != null) watcher.close();
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly();
        }
    }

    @Test
    void everyWriteAcknowledgedBeforeAKillMinus9IsThereAfterTheRestartAndTheWatchHasNoGap() throws Exception {
        start("out-1");
        HttpClient http = HttpClient.newBuilder()
                .sslContext(Kubeconfig.load(dir.resolve("data/kubeconfig")).sslContext())
                .build();
        watcher = new RecordingWatcher(
                        "watcher", http, url::get, CONFIG_MAPS, "default", history, Duration.ofMillis(100))
                .start();
        await().atMost(Duration.ofSeconds(30)).until(() -> watcher.delivered() > 0);
        for (int w = 1; w <= WRITERS; w++) {
            RecordingClient client =
                    new RecordingClient("writer-" + w, http, url::get, history, Duration.ofSeconds(10));
            String prefix = "w" + w + "-";
            Thread t = new Thread(() -> burst(client, prefix), "writer-" + w);
            writers.add(t);
            t.start();
        }

        await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.get() >= 300);
        up.set(false);
        server.destroyForcibly(); // SIGKILL, mid-burst
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int beforeRestart = acknowledged.get();
        start("out-2");
        await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.get() >= beforeRestart + 150);
        stop.set(true);
        for (Thread w : writers) w.join(60_000);

        RecordingClient reader = new RecordingClient("reader", http, url::get, history, Duration.ofSeconds(30));
        reader.list(CONFIG_MAPS, "default");
        Operation sentinel = reader.create(
                CONFIG_MAPS, "default", "{\"metadata\":{\"name\":\"sentinel\"},\"data\":{\"v\":\"last\"}}");
        long last = ((Outcome.Acknowledged) sentinel.outcome()).revision();
        await().atMost(Duration.ofSeconds(30)).until(() -> watcher.delivered() >= last);
        watcher.close();

        System.out.println("history: " + history.summary());
        assertThat(history.watches().get("watcher"))
                .as("the watch was cut by the kill and followed the restarted server")
                .anySatisfy(r -> assertThat(r).isInstanceOf(WatchRecord.Broken.class));
        assertThat(HistoryChecker.clientsOwnTheirKeys().check(history)).isEmpty();
    }

    /** Creates ConfigMaps, updating the one before each second one and deleting every fifth, until stopped. */
    private void burst(RecordingClient client, String prefix) {
        for (int i = 1; !stop.get(); i++) {
            // Full speed while the server is up (an await polls, even when already true), so the kill
            // cuts requests mid-flight; while it is down, wait for the restart.
            if (!up.get()) await().atMost(Duration.ofSeconds(120)).until(up::get);
            Operation op = client.create(CONFIG_MAPS, "default", configMap(prefix + i, "v" + i));
            count(op);
            if (i % 2 == 0)
                count(client.update(CONFIG_MAPS, "default", prefix + (i - 1), configMap(prefix + (i - 1), "u" + i)));
            if (i % 5 == 0) count(client.delete(CONFIG_MAPS, "default", prefix + (i - 3)));
        }
    }

    private void count(Operation op) {
        if (op.outcome() instanceof Outcome.Acknowledged) acknowledged.incrementAndGet();
    }

    private static String configMap(String name, String value) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\"},\"data\":{\"v\":\"" + value + "\"}}";
    }

    /** Starts the server on the test's data directory and waits until it listens. */
    private void start(String outName) throws Exception {
        Path out = dir.resolve(outName);
        server = EverynodeJvm.server(dir.resolve("data"), out, dir.resolve(outName + ".err"));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> LISTENING.matcher(Files.readString(out)).find());
        Matcher m = LISTENING.matcher(Files.readString(out));
        assertThat(m.find()).isTrue();
        url.set(URI.create(m.group(1)));
        up.set(true);
    }
}

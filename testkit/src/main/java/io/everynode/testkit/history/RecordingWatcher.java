package io.everynode.testkit.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * A watcher that records what it sees into a {@link History}, on its own thread: a list, then a
 * watch from the list's resourceVersion (with bookmarks); on a broken stream it watches again
 * from the last revision delivered, on a 410 it lists again. It keeps trying (every
 * {@code retryPause}) while the server is away, until {@link #close}.
 */
public final class RecordingWatcher implements AutoCloseable {
    private final String name;
    private final HttpClient http;
    private final Supplier<URI> server;
    private final ApiResource resource;
    private final String namespace;
    private final History history;
    private final Duration retryPause;
    /** The revision this watcher has everything up to; read and written by its thread only. */
    private long position;

    private final AtomicLong delivered = new AtomicLong(-1);
    private final Thread thread;
    private volatile boolean closed;
    private volatile InputStream stream;

    /** @param namespace null: every namespace */
    public RecordingWatcher(
            String name,
            HttpClient http,
            Supplier<URI> server,
            ApiResource resource,
            String namespace,
            History history,
            Duration retryPause) {
        this.name = name;
        this.http = http;
        this.server = server;
        this.resource = resource;
        this.namespace = namespace;
        this.history = history;
        this.retryPause = retryPause;
        this.thread = new Thread(this::run, "history-watcher-" + name);
        thread.setDaemon(true);
    }

    public RecordingWatcher start() {
        thread.start();
        return this;
    }

    /** The name its records carry. */
    public String name() {
        return name;
    }

    /** The highest revision delivered so far (a list's, an event's or a bookmark's); -1 before the first list. */
    public long delivered() {
        return delivered.get();
    }

    private void run() {
        Long position = null;
        while (!closed) {
            try {
                if (position == null) {
                    ListSnapshot list = listed();
                    history.add(new WatchRecord.Listed(name, list));
                    position = list.revision();
                    delivered.accumulateAndGet(position, Math::max);
                }
                position = watch(position);
            } catch (IOException e) {
                if (!closed) history.add(new WatchRecord.Broken(name, e.toString()));
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A list answer, recorded only as the watcher's own (not also as a client's list). */
    private ListSnapshot listed() throws IOException, InterruptedException {
        long start = history.nextSeq();
        HttpResponse<String> response = http.send(
                Answers.request(server.get(), resource.collection(namespace), Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200)
            throw new IOException("list answered " + response.statusCode() + " " + response.body());
        return Answers.list(
                history.nextId(), name, resource, namespace, Answers.parse(response.body()), start, history.nextSeq());
    }

    /** Watches from {@code from}; answers the position to go on from (null: list again). */
    private Long watch(long from) throws IOException, InterruptedException {
        history.add(new WatchRecord.Opened(name, from));
        HttpResponse<InputStream> response = http.send(
                Answers.request(
                                server.get(),
                                resource.collection(namespace) + "?watch=true&allowWatchBookmarks=true&resourceVersion="
                                        + from,
                                Duration.ofDays(1))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        stream = response.body();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() == 410) {
                history.add(new WatchRecord.Expired(name, "watch answered 410"));
                return null;
            }
            if (response.statusCode() != 200) throw new IOException("watch answered " + response.statusCode());
            position = from;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode event = Answers.parse(line);
                String type = event.path("type").asString("");
                JsonNode object = event.path("object");
                if (type.equals("ERROR")) {
                    if (object.path("code").asInt() == 410) {
                        history.add(new WatchRecord.Expired(
                                name, object.path("message").asString("")));
                        return null;
                    }
                    throw new IOException("watch error event: " + object);
                }
                long revision = ObjectValues.revision(object);
                if (type.equals("BOOKMARK")) history.add(new WatchRecord.Bookmark(name, revision));
                else
                    history.add(new WatchRecord.Event(
                            name,
                            history.nextSeq(),
                            WatchRecord.Type.valueOf(type),
                            ObjectValues.key(resource.resource(), object),
                            revision,
                            object));
                position = Math.max(position, revision);
                delivered.accumulateAndGet(revision, Math::max);
            }
            history.add(new WatchRecord.Broken(name, "the watch stream ended"));
            return position;
        } catch (IOException e) {
            if (!closed) history.add(new WatchRecord.Broken(name, e.toString()));
            pause();
            return Math.max(from, position);
        } finally {
            stream = null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryPause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        InputStream s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

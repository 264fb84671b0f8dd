package io.everynode.client;

import io.everynode.api.json.Json;
import java.io.IOException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Reads one watch stream on a thread of its own, decodes each line into a typed
 * {@link WatchEvent}, and hands it to the {@link Watcher}. An ERROR event, a broken line or a
 * failed read ends the watch with that cause; the end of the stream ends it with none.
 */
final class WatchReader<T> implements WatchHandle {
    private final Class<T> kind;
    private final Transport.Lines lines;
    private final Watcher<T> watcher;
    private final Thread thread;
    private volatile boolean closed;

    WatchReader(Class<T> kind, Transport.Lines lines, Watcher<T> watcher, String threadName) {
        this.kind = kind;
        this.lines = lines;
        this.watcher = watcher;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        Exception cause = null;
        try {
            String line;
            while (!closed && (line = lines.next()) != null) {
                if (line.isBlank()) continue;
                JsonNode ev = Json.parse(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String type = Json.text(ev, "type");
                JsonNode obj = ev.path("object");
                if ("ERROR".equals(type)) {
                    cause = ApiError.fromStatus(obj, 500);
                    break;
                }
                if (type == null) throw new IOException("a watch event without a type: " + line);
                WatchEvent.Type t = WatchEvent.Type.valueOf(type.toUpperCase(Locale.ROOT));
                T value = Json.MAPPER.treeToValue(obj, kind);
                if (closed) break;
                watcher.onEvent(new WatchEvent<>(t, value));
            }
        } catch (IOException | RuntimeException e) {
            cause = e;
        } finally {
            lines.close();
        }
        if (!closed) watcher.onClose(cause);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        lines.close();
    }
}

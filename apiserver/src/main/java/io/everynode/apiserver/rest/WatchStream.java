package io.everynode.apiserver.rest;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.json.Json;
import io.everynode.apiserver.resource.ResourceType;
import io.everynode.apiserver.watch.CacheEvent;
import io.everynode.apiserver.watch.ObjectCache;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * One watch: a chunked stream of newline-terminated JSON events (kubectl-contract.md §1.6).
 *
 * <ul>
 *   <li>{@code resourceVersion} unset or "0": synthetic ADDED events for the current objects,
 *       then changes.</li>
 *   <li>a specific resourceVersion: only changes after it (410 Gone when too old).</li>
 *   <li>{@code sendInitialEvents=true} (watch-list): ADDED for the current objects, then a
 *       BOOKMARK annotated {@code k8s.io/initial-events-end}, then changes. Ignoring the
 *       parameter would hang kubectl, so it is honoured.</li>
 * </ul>
 * An object that starts or stops matching the selectors arrives as ADDED or DELETED, as the
 * upstream watch cache does. The stream lasts {@code timeoutSeconds}, or a random 30 to 60
 * minutes. Events are queued by the cache's thread and written by the request's thread.
 */
final class WatchStream {
    private static final Duration BOOKMARK_EVERY = Duration.ofSeconds(30);
    private static final int QUEUE_LIMIT = 100_000;

    private final ObjectCache cache;
    private final Tables tables;
    private final Clock clock;
    private final Duration minTimeout;

    WatchStream(ObjectCache cache, Tables tables, Clock clock, Duration minTimeout) {
        this.cache = cache;
        this.tables = tables;
        this.clock = clock;
        this.minTimeout = minTimeout;
    }

    void serve(ApiRequest req, ApiResponse resp, ResourceType type, String namespace, Predicate<ObjectNode> filter) throws IOException {
        String rv = req.param("resourceVersion");
        boolean initialEvents = req.flag("sendInitialEvents");
        boolean bookmarks = req.flag("allowWatchBookmarks");
        if (initialEvents && !"NotOlderThan".equals(req.param("resourceVersionMatch"))) {
            throw Statuses.invalid("meta.k8s.io", "ListOptions", "", List.of(new Statuses.Cause("resourceVersionMatch",
                    "FieldValueForbidden", "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")));
        }
        String prefix = type.listPrefix(namespace);
        LinkedBlockingQueue<CacheEvent> queue = new LinkedBlockingQueue<>();
        boolean[] overflow = {false};
        java.util.function.Consumer<CacheEvent> sink = e -> {
            if (e.resource() != type || !e.key().startsWith(prefix)) return;
            if (queue.size() >= QUEUE_LIMIT) overflow[0] = true;
            else queue.add(e);
        };
        boolean synthetic = initialEvents || rv == null || rv.isEmpty() || rv.equals("0");
        List<ObjectNode> initial = List.of();
        long startRev;
        AutoCloseable subscription;
        if (synthetic) {
            ObjectCache.Snapshot snap = cache.snapshotAndSubscribe(type, prefix, sink);
            initial = snap.items().stream().filter(filter).toList();
            startRev = snap.revision();
            subscription = snap.subscription();
        } else {
            long from;
            try {
                from = Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw Statuses.badRequest("invalid resource version \"" + rv + "\"");
            }
            startRev = from;
            subscription = cache.subscribe(from, sink);
        }
        long timeoutMs = req.param("timeoutSeconds") != null
                ? Long.parseLong(req.param("timeoutSeconds")) * 1000
                : minTimeout.toMillis() + ThreadLocalRandom.current().nextLong(Math.max(1, minTimeout.toMillis()));
        boolean table = Output.wantsTable(req);
        boolean[] headersSent = {false};
        try (subscription; ApiResponse.Stream out = resp.stream(200, "application/json")) {
            for (ObjectNode o : initial) write(out, "ADDED", type, o, table, headersSent, req);
            if (initialEvents && bookmarks) {
                write(out, "BOOKMARK", type, bookmark(type, startRev, true), false, headersSent, req);
            }
            long deadline = clock.millis() + timeoutMs;
            long nextBookmark = clock.millis() + BOOKMARK_EVERY.toMillis();
            while (out.isOpen()) {
                long now = clock.millis();
                if (now >= deadline) break;
                if (overflow[0]) break; // the client relists; better than a silent gap
                // Wake at least every second to notice a client that went away.
                long wait = Math.min(Math.min(deadline, nextBookmark) - now, 1000);
                CacheEvent e = queue.poll(wait, TimeUnit.MILLISECONDS);
                if (e == null) {
                    if (bookmarks && clock.millis() >= nextBookmark) {
                        write(out, "BOOKMARK", type, bookmark(type, cache.revision(), false), false, headersSent, req);
                        nextBookmark = clock.millis() + BOOKMARK_EVERY.toMillis();
                    }
                    continue;
                }
                String kind = classify(e, filter);
                if (kind != null) write(out, kind, type, e.object(), table, headersSent, req);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away
        } catch (Exception e) {
            if (e instanceof RuntimeException re) throw re;
        }
    }

    /** ADDED, MODIFIED or DELETED as this watcher sees the change, or null when it sees nothing. */
    static String classify(CacheEvent e, Predicate<ObjectNode> filter) {
        boolean now = e.type() != CacheEvent.Type.DELETED && filter.test(e.object());
        boolean before = e.previous() != null && filter.test(e.previous());
        if (e.type() == CacheEvent.Type.DELETED) return before || filter.test(e.object()) ? "DELETED" : null;
        if (now && before) return "MODIFIED";
        if (now) return "ADDED";
        if (before) return "DELETED";
        return null;
    }

    private static ObjectNode bookmark(ResourceType type, long revision, boolean initialEventsEnd) {
        ObjectNode b = Json.object();
        b.put("kind", type.kind());
        b.put("apiVersion", type.apiVersion());
        ObjectNode m = b.putObject("metadata");
        m.put("resourceVersion", Long.toString(revision));
        if (initialEventsEnd) m.putObject("annotations").put("k8s.io/initial-events-end", "true");
        return b;
    }

    private void write(ApiResponse.Stream out, String kind, ResourceType type, ObjectNode obj, boolean table,
                       boolean[] headersSent, ApiRequest req) throws IOException {
        ObjectNode ev = Json.object();
        ev.put("type", kind);
        if (table && !kind.equals("BOOKMARK")) {
            ev.set("object", tables.table(type, List.of(obj), obj.path("metadata").path("resourceVersion").asString(""),
                    req.param("includeObject"), !headersSent[0]));
            headersSent[0] = true;
        } else {
            ev.set("object", obj);
        }
        byte[] line = Json.bytes(ev);
        byte[] chunk = new byte[line.length + 1];
        System.arraycopy(line, 0, chunk, 0, line.length);
        chunk[line.length] = '\n';
        out.write(chunk);
    }
}

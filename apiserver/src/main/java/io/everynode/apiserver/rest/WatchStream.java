package io.everynode.apiserver.rest;

import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.watch.CacheEvent;
import io.everynode.apiserver.watch.ObjectCache;
import io.everynode.apiserver.watch.WatchDispatch;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import tools.jackson.databind.node.ObjectNode;

/**
 * Opens watches: a chunked stream of newline-terminated JSON events (kubectl-contract.md §1.6).
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
 * minutes. {@link #serve} checks the request, subscribes and returns: the open watch
 * ({@link OpenWatch}) then runs on the shared {@link WatchDispatch}, holding no thread.
 */
final class WatchStream {
    private static final int BACKLOG_LIMIT = 100_000;

    private final ObjectCache cache;
    private final Tables tables;
    private final Clock clock;
    private final Duration minTimeout;
    private final WatchDispatch dispatch;
    private final EventLines lines = new EventLines();

    WatchStream(ObjectCache cache, Tables tables, Clock clock, Duration minTimeout, WatchDispatch dispatch) {
        this.cache = cache;
        this.tables = tables;
        this.clock = clock;
        this.minTimeout = minTimeout;
        this.dispatch = dispatch;
    }

    void serve(ApiRequest req, ApiResponse resp, ResourceType type, String namespace, Predicate<ObjectNode> filter)
            throws IOException {
        String rv = req.param("resourceVersion");
        boolean initialEvents = req.flag("sendInitialEvents");
        boolean bookmarks = req.flag("allowWatchBookmarks");
        if (initialEvents && !"NotOlderThan".equals(req.param("resourceVersionMatch"))) {
            throw Statuses.invalid(
                    "meta.k8s.io",
                    "ListOptions",
                    "",
                    List.of(new Statuses.Cause(
                            "resourceVersionMatch",
                            "FieldValueForbidden",
                            "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")));
        }
        long timeoutMs = req.param("timeoutSeconds") != null
                ? Long.parseLong(req.param("timeoutSeconds")) * 1000
                : minTimeout.toMillis() + ThreadLocalRandom.current().nextLong(Math.max(1, minTimeout.toMillis()));
        String prefix = type.listPrefix(namespace);
        OpenWatch watch = new OpenWatch(
                new OpenWatch.Spec(type, prefix, filter, bookmarks, Output.wantsTable(req), req.param("includeObject")),
                dispatch,
                clock,
                tables,
                lines,
                cache::revision,
                BACKLOG_LIMIT);
        boolean synthetic = initialEvents || rv == null || rv.isEmpty() || rv.equals("0");
        List<ObjectNode> initial = List.of();
        long startRev;
        AutoCloseable subscription;
        if (synthetic) {
            ObjectCache.Snapshot snap = cache.snapshotAndSubscribe(type, prefix, watch::offer, watch::expire, true);
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
            subscription = cache.subscribe(from, watch::offer, watch::expire);
        }
        ApiResponse.Stream out;
        try {
            out = resp.stream(200, "application/json");
        } catch (IOException | RuntimeException e) {
            closeQuietly(subscription);
            throw e;
        }
        watch.start(
                out, subscription, initial, initialEvents && bookmarks ? startRev : -1, Duration.ofMillis(timeoutMs));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // unsubscribing cannot fail in a way the client could act on
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
}

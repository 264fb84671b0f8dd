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
import java.util.ArrayList;
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
 *   <li>{@code sendInitialEvents=true} (watch-list, with {@code resourceVersionMatch=NotOlderThan}):
 *       ADDED for the current objects (the latest state, consistent, when resourceVersion is
 *       unset; the cache's once it reached the given one otherwise), then, with
 *       {@code allowWatchBookmarks}, a BOOKMARK annotated {@code k8s.io/initial-events-end}, then
 *       changes. Ignoring the parameter would hang kubectl, so it is honoured.</li>
 *   <li>{@code sendInitialEvents=false}: no initial events, changes after the latest revision
 *       (or the given one).</li>
 *   <li>When the watch cache loses changes (it relisted the store after its watch failed), the
 *       watch ends with an ERROR event, 410 Expired, and the client lists again.</li>
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
        check(req);
        // sendInitialEvents=false: no initial state, changes from the latest (or the given) revision.
        boolean noInitialEvents = "false".equals(req.param("sendInitialEvents"));
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
        boolean unset = rv == null || rv.isEmpty();
        boolean synthetic = !noInitialEvents && (initialEvents || unset || rv.equals("0"));
        List<ObjectNode> initial = List.of();
        long startRev;
        AutoCloseable subscription;
        if (synthetic) {
            // Unset: the latest state (consistent); "0" or N (reached, see ReadOptions): as the cache has it.
            ObjectCache.Snapshot snap =
                    cache.snapshotAndSubscribe(type, prefix, watch::offer, watch::expire, watch::end, unset);
            initial = snap.items().stream().filter(filter).toList();
            startRev = snap.revision();
            subscription = snap.subscription();
        } else if (unset || rv.equals("0")) {
            if (unset) cache.sync();
            startRev = cache.revision();
            subscription = cache.subscribe(startRev, watch::offer, watch::expire, watch::end);
        } else {
            long from;
            try {
                from = Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw Statuses.badRequest("invalid resource version \"" + rv + "\"");
            }
            startRev = from;
            subscription = cache.subscribe(from, watch::offer, watch::expire, watch::end);
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

    /** Upstream's checks of a watch's options; 422 on ListOptions. */
    private static void check(ApiRequest req) {
        String match = req.param("resourceVersionMatch");
        boolean initialEventsGiven = req.param("sendInitialEvents") != null;
        List<Statuses.Cause> causes = new ArrayList<>();
        if (initialEventsGiven && !"NotOlderThan".equals(match)) {
            causes.add(forbidden("sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
        }
        if (match != null && !match.isEmpty()) {
            if (!initialEventsGiven) {
                causes.add(
                        forbidden("resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
            }
            if (!match.equals("NotOlderThan")) {
                causes.add(new Statuses.Cause(
                        "resourceVersionMatch",
                        "FieldValueNotSupported",
                        "Unsupported value: \"" + match + "\": supported values: \"NotOlderThan\""));
            }
            if (req.param("continue") != null && !req.param("continue").isEmpty()) {
                causes.add(forbidden("resourceVersionMatch is forbidden when continue is provided"));
            }
        }
        if (!causes.isEmpty()) throw Statuses.invalid("meta.k8s.io", "ListOptions", "", causes);
    }

    private static Statuses.Cause forbidden(String why) {
        return new Statuses.Cause("resourceVersionMatch", "FieldValueForbidden", "Forbidden: " + why);
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

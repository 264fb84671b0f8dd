package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.registry.Registry;
import io.everynode.apiserver.watch.CacheEvent;
import io.everynode.apiserver.watch.WatchDispatch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One open watch, driven by events instead of a thread: the cache's subscription
 * ({@link #offer}), its timers (next bookmark, end of the watch) and the client going away each
 * wake it, and it then writes what is pending in one non-blocking write on the shared
 * {@link WatchDispatch}. An idle watch without bookmarks does nothing until its end.
 *
 * <p>Exclusion: {@link #drain} runs only while {@code busy} is held, which it keeps until its
 * write completes, so there is at most one write in flight and the stream is closed only when
 * none is. Events queued meanwhile go out together in the next write.
 *
 * <p>Backlog: at most {@code backlogLimit} events wait; beyond that the watch ends, so the
 * client relists instead of silently missing changes.
 */
final class OpenWatch {
    private static final Logger LOG = LoggerFactory.getLogger(OpenWatch.class);
    static final Duration BOOKMARK_EVERY = Duration.ofSeconds(30);
    /** Bytes gathered into one write before the rest waits for the next. */
    private static final int WRITE_BUDGET = 256 * 1024;

    /** What a watch is: its resource, its filter and its output options. */
    record Spec(
            ResourceType type,
            String prefix,
            Predicate<ObjectNode> filter,
            boolean bookmarks,
            boolean table,
            String includeObject) {}

    private final Spec spec;
    private final WatchDispatch dispatch;
    private final Clock clock;
    private final Tables tables;
    private final EventLines lines;
    private final LongSupplier cacheRevision;
    private final int backlogLimit;

    private final Queue<CacheEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean bookmarkDue;
    private volatile boolean expired;
    private volatile boolean gone;
    private volatile boolean overflow;
    /** Set when the cache can no longer serve this watch: the ERROR it ends with, after what is queued. */
    private volatile ApiException expiredWith;

    // Touched only by drain() (under busy) or before start().
    private ApiResponse.Stream out;
    private AutoCloseable subscription;
    private Iterator<ObjectNode> initial = List.<ObjectNode>of().iterator();
    private long initialEndRevision = -1;
    private boolean tableHeadersSent;
    private volatile boolean closed;
    private volatile boolean moreToWrite; // initial objects or their end bookmark still pending
    private volatile WatchDispatch.Timer deadlineTimer;
    private volatile WatchDispatch.Timer bookmarkTimer;

    OpenWatch(
            Spec spec,
            WatchDispatch dispatch,
            Clock clock,
            Tables tables,
            EventLines lines,
            LongSupplier cacheRevision,
            int backlogLimit) {
        this.spec = spec;
        this.dispatch = dispatch;
        this.clock = clock;
        this.tables = tables;
        this.lines = lines;
        this.cacheRevision = cacheRevision;
        this.backlogLimit = backlogLimit;
    }

    /** The cache's subscriber: called on the cache's thread, so it only queues and wakes. */
    void offer(CacheEvent e) {
        // The prefix names the resource (whatever version is watched: all share one bucket).
        if (!e.key().startsWith(spec.prefix())) return;
        if (queued.incrementAndGet() > backlogLimit) {
            queued.decrementAndGet();
            if (!overflow) {
                overflow = true;
                // A write stuck on a client that stopped reading would keep the watch (and its
                // backlog) until the idle timeout: drop the connection so the write fails now.
                if (started && busy.get()) out.abort();
            }
        } else {
            queue.add(e);
        }
        wake();
    }

    /**
     * The cache's other callback: it lost changes this watch needed (it relisted the store), so
     * the watch ends, after the events already queued, with an ERROR event carrying {@code gone}
     * (410), and the client lists again. Called on the cache's thread: only marks and wakes.
     */
    void expire(ApiException gone) {
        expiredWith = gone;
        wake();
    }

    /**
     * The cache's third callback: it lost the store (etcd without quorum), so the watch ends now,
     * cleanly as at its timeout, and the client watches again from the last resourceVersion it
     * got (upstream's cacher ends its watchers alike). Called on the cache's thread: only marks and wakes.
     */
    void end() {
        expired = true;
        wake();
    }

    /**
     * Starts writing: the initial objects (if any), the initial-events-end bookmark when
     * {@code initialEndRevision >= 0}, then queued and future changes, until {@code timeout}.
     */
    void start(
            ApiResponse.Stream stream,
            AutoCloseable subscription,
            List<ObjectNode> initialObjects,
            long initialEndRevision,
            Duration timeout) {
        this.out = stream;
        this.subscription = subscription;
        this.initial = initialObjects.iterator();
        this.initialEndRevision = initialEndRevision;
        this.moreToWrite = !initialObjects.isEmpty() || initialEndRevision >= 0;
        // Quiet is allowed until the end of the watch (plus a margin for the last write).
        stream.allowSilence(timeout.plus(BOOKMARK_EVERY));
        stream.onClientGone(() -> {
            gone = true;
            wake();
        });
        long deadline = clock.millis() + timeout.toMillis();
        deadlineTimer = dispatch.schedule(timeout, () -> onDeadline(deadline));
        if (spec.bookmarks()) scheduleBookmark();
        started = true;
        wake();
    }

    private void onDeadline(long deadline) {
        long left = deadline - clock.millis();
        if (left > 0) { // the timer ran early by this clock: wait out the rest, never spin
            deadlineTimer = dispatch.schedule(Duration.ofMillis(left), () -> onDeadline(deadline));
            return;
        }
        expired = true;
        wake();
    }

    private void scheduleBookmark() {
        bookmarkTimer = dispatch.schedule(BOOKMARK_EVERY, () -> {
            bookmarkDue = true;
            wake();
            if (!closed) scheduleBookmark();
        });
    }

    private void wake() {
        if (!started) return;
        if (busy.compareAndSet(false, true)) dispatch.execute(this::drain);
    }

    private boolean hasWork() {
        return !queue.isEmpty() || bookmarkDue || expired || gone || overflow || moreToWrite || expiredWith != null;
    }

    private void release() {
        busy.set(false);
        if (!closed && hasWork()) wake();
    }

    /** Writes what is pending, or ends the watch; runs only under {@code busy}. */
    private void drain() {
        if (closed) return; // keeps busy: nothing runs after the end
        try {
            if (gone || overflow || expired) {
                finish();
                return;
            }
            byte[] chunk = gather();
            ApiException lost = expiredWith;
            if (chunk.length == 0 && lost != null) {
                out.write(EventLines.single("ERROR", lost.status()), failure -> dispatch.execute(this::finish));
                return; // keeps busy: the watch ends after this write
            }
            if (chunk.length == 0) {
                release();
                return;
            }
            out.write(chunk, failure -> {
                if (failure != null) gone = true;
                release();
            });
        } catch (RuntimeException e) {
            LOG.warn("watch of {} failed; ending it", spec.type().resource(), e);
            finish();
        }
    }

    /** The pending lines, in order, up to the write budget. */
    private byte[] gather() {
        Lines buf = new Lines();
        while (initial.hasNext() && buf.size() < WRITE_BUDGET) append(buf, "ADDED", initial.next());
        if (initial.hasNext()) return buf.bytes(); // moreToWrite stays set
        if (initialEndRevision >= 0) {
            append(buf, "BOOKMARK", bookmark(initialEndRevision, true));
            initialEndRevision = -1;
        }
        moreToWrite = false;
        // Read before draining: every event at or below this revision is already queued, so a
        // bookmark at it, written after them, promises nothing the client has not seen.
        long revision = cacheRevision.getAsLong();
        CacheEvent e;
        while (buf.size() < WRITE_BUDGET && (e = queue.poll()) != null) {
            queued.decrementAndGet();
            String kind = WatchStream.classify(e, spec.filter());
            if (kind != null) append(buf, kind, e.object());
        }
        // No bookmark for a watch about to end as expired: the revision it would promise skipped changes.
        if (bookmarkDue && queue.isEmpty() && expiredWith == null) {
            bookmarkDue = false;
            append(buf, "BOOKMARK", bookmark(revision, false));
        }
        return buf.bytes();
    }

    private void append(Lines buf, String kind, ObjectNode stored) {
        ObjectNode obj = kind.equals("BOOKMARK") ? stored : Registry.as(stored, spec.type());
        if (kind.equals("BOOKMARK")) {
            buf.add(EventLines.single(kind, obj));
        } else if (spec.table()) {
            buf.add(EventLines.single(
                    kind,
                    tables.table(
                            spec.type(),
                            List.of(obj),
                            obj.path("metadata").path("resourceVersion").asString(""),
                            spec.includeObject(),
                            !tableHeadersSent)));
            tableHeadersSent = true;
        } else if (obj == stored) {
            buf.add(lines.shared(kind, obj));
        } else {
            buf.add(EventLines.single(kind, obj)); // another version's copy: nothing to share
        }
    }

    /** Lines gathered for one write; a single shared line goes out as is, without a copy. */
    private static final class Lines {
        private final List<byte[]> parts = new ArrayList<>();
        private int size;

        void add(byte[] line) {
            parts.add(line);
            size += line.length;
        }

        int size() {
            return size;
        }

        byte[] bytes() {
            if (parts.size() == 1) return parts.get(0);
            byte[] out = new byte[size];
            int at = 0;
            for (byte[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }
    }

    private ObjectNode bookmark(long revision, boolean initialEventsEnd) {
        ObjectNode b = Json.object();
        b.put("kind", spec.type().kind());
        b.put("apiVersion", spec.type().apiVersion());
        ObjectNode m = b.putObject("metadata");
        m.put("resourceVersion", Long.toString(revision));
        if (initialEventsEnd) m.putObject("annotations").put("k8s.io/initial-events-end", "true");
        return b;
    }

    private void finish() {
        closed = true;
        WatchDispatch.Timer t = deadlineTimer;
        if (t != null) t.cancel();
        t = bookmarkTimer;
        if (t != null) t.cancel();
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("closing a watch subscription failed", e);
        }
        queue.clear();
        out.close();
    }

    /** For tests: whether the watch has ended. */
    boolean closed() {
        return closed;
    }
}

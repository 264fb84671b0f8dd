package io.everynode.apiserver.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's body without holding a thread while the client is slow: Jetty calls back
 * when bytes arrive ({@link Request#demand}). Exactly one of the outcomes is reported, once:
 * the body, too large (after draining a bounded amount so the client can read the 413), too
 * slow (the body did not arrive within the timeout, or the connection went idle), or failed.
 */
final class BodyReader {
    /** What became of the body. */
    interface Outcome {
        void body(byte[] body);

        void tooLarge();

        void tooSlow();

        void failed(Throwable failure);
    }

    /** How much of an oversized body is drained before answering 413 (then the connection closes). */
    private static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    private final Request request;
    private final long max;
    private final Outcome outcome;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private final AtomicBoolean reported = new AtomicBoolean();
    private long total;
    private Scheduler.Task timer;

    private BodyReader(Request request, long max, Outcome outcome) {
        this.request = request;
        this.max = max;
        this.outcome = outcome;
    }

    /** Starts reading; {@code outcome} may be called before this returns (the body was there). */
    static void read(Request request, long max, long timeoutMillis, Outcome outcome) {
        BodyReader r = new BodyReader(request, max, outcome);
        r.timer = request.getComponents().getScheduler().schedule(r::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
        r.readAvailable();
    }

    private void readAvailable() {
        while (!reported.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this::readAvailable);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                Throwable failure = chunk.getFailure();
                if (failure instanceof TimeoutException) report(outcome::tooSlow);
                else report(() -> outcome.failed(failure));
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            int n = bytes.remaining();
            total += n;
            if (total <= max) {
                byte[] copy = new byte[n];
                bytes.get(copy);
                buf.writeBytes(copy);
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (total > DRAIN_LIMIT || (last && total > max)) {
                report(outcome::tooLarge);
                return;
            }
            if (last) {
                report(() -> outcome.body(buf.toByteArray()));
                return;
            }
        }
    }

    /** On Jetty's scheduler thread, which must not block: the answer is written from the pool. */
    private void timedOut() {
        request.getComponents().getExecutor().execute(() -> report(outcome::tooSlow));
    }

    private void report(Runnable what) {
        if (!reported.compareAndSet(false, true)) return;
        if (timer != null) timer.cancel();
        what.run();
    }
}

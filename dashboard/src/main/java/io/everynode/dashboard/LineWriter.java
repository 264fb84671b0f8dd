package io.everynode.dashboard;

import io.everynode.dashboard.fleet.LiveStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.Callback;

/**
 * A {@link LiveStream.Sink} that never blocks its caller: lines are queued and written one after
 * another with non-blocking writes, so a browser that reads slowly (or went away without closing
 * its connection) holds its own queue, not one of the flusher's few threads and with it every
 * other viewer's stream. A browser more than {@code maxQueuedBytes} behind is dropped: the next
 * line fails, its stream closes, and the page reconnects for a fresh snapshot. A failed write
 * fails the next line likewise.
 *
 * <p>Thread-safe: lines come from a flusher thread, completions from Jetty's.
 */
final class LineWriter implements LiveStream.Sink {
    /** Where the bytes go: Jetty's {@code Response.write}. */
    interface Out {
        void write(boolean last, ByteBuffer bytes, Callback callback);
    }

    private final Out out;
    private final Callback done;
    private final long maxQueuedBytes;
    private final Runnable onEnd;
    private final Deque<ByteBuffer> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean writing;
    private boolean ending;
    private boolean ended;
    private Throwable failure;

    /**
     * @param done the response's callback, completed once after the last line
     * @param onEnd run once when the stream ends (to forget it)
     */
    LineWriter(Out out, Callback done, long maxQueuedBytes, Runnable onEnd) {
        this.out = out;
        this.done = done;
        this.maxQueuedBytes = maxQueuedBytes;
        this.onEnd = onEnd;
    }

    @Override
    public void line(String json) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            if (failure != null) throw new IOException("the browser's connection failed", failure);
            if (ending) throw new IOException("the stream has ended");
            if (queuedBytes + bytes.remaining() > maxQueuedBytes) {
                throw new IOException("the browser is more than " + maxQueuedBytes + " bytes behind");
            }
            queue.add(bytes);
            queuedBytes += bytes.remaining();
            if (writing) return;
            writing = true;
        }
        writeNext();
    }

    @Override
    public void end() {
        synchronized (this) {
            if (ending) return;
            ending = true;
            if (writing) return; // the last write's completion ends it
        }
        finish();
    }

    /**
     * Writes the queue's head, then the next, until the queue is empty. A write that completes
     * at once is followed in this loop, one that completes later from its callback: never by
     * recursion, whatever the queue's length.
     */
    private void writeNext() {
        while (true) {
            ByteBuffer next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    writing = false;
                    if (!ending) return;
                }
            }
            if (next == null) {
                finish();
                return;
            }
            Write write = new Write(next.remaining());
            out.write(false, next, write);
            if (!write.completedAtOnce()) return;
        }
    }

    /** One write's completion: 0 pending, 1 succeeded before write returned, 2 left to its callback. */
    private final class Write implements Callback {
        private final int size;
        private final AtomicInteger state = new AtomicInteger();

        Write(int size) {
            this.size = size;
        }

        /** After write returned: true when it already succeeded (the caller's loop goes on). */
        boolean completedAtOnce() {
            return !state.compareAndSet(0, 2) && state.get() == 1;
        }

        @Override
        public void succeeded() {
            synchronized (LineWriter.this) {
                queuedBytes -= size;
            }
            if (!state.compareAndSet(0, 1)) writeNext(); // write returned already: go on from here
        }

        @Override
        public void failed(Throwable x) {
            state.set(3);
            synchronized (LineWriter.this) {
                failure = x;
                queue.clear();
                queuedBytes = 0;
                writing = false;
                if (!ending) return;
            }
            finish();
        }
    }

    /** Once: forgets the stream and completes the response. */
    private void finish() {
        Throwable failed;
        synchronized (this) {
            if (ended) return;
            ended = true;
            failed = failure;
        }
        onEnd.run();
        if (failed != null) done.failed(failed);
        else out.write(true, ByteBuffer.allocate(0), done);
    }
}

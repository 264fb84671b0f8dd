package io.everynode.dashboard.fleet;

import io.everynode.client.KubeClient;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every {@link LiveStream} shares around its own news: the caller's client it closes, the
 * sink, a ping line after {@code flushesPerPing} flushes without news (keeps a quiet stream open
 * and tells the browser a closed one), and closing once, on a failed write too.
 *
 * <p>A stream says whether its informers have synced ({@link #synced()}), sends its news in
 * {@link #sendNews()} and closes its informers in {@link #closeInformers()}.
 */
public abstract class InformerStream implements LiveStream {
    private final KubeClient caller;
    private final Sink sink;
    private final int flushesPerPing;
    private final String pingLine;
    private final AtomicBoolean closed = new AtomicBoolean();
    private int quietFlushes;

    /**
     * @param caller the caller's own client, closed with the stream
     * @param flushesPerPing how many flushes without news before {@code pingLine} is sent
     */
    protected InformerStream(KubeClient caller, Sink sink, int flushesPerPing, String pingLine) {
        this.caller = caller;
        this.sink = sink;
        this.flushesPerPing = Math.max(1, flushesPerPing);
        this.pingLine = pingLine;
    }

    protected final KubeClient caller() {
        return caller;
    }

    /** Whether every informer has listed once: nothing is news before. */
    protected abstract boolean synced();

    /**
     * Sends what changed since the last flush through {@link #line}.
     *
     * @return whether anything was sent (else the flush counts as quiet)
     */
    protected abstract boolean sendNews() throws IOException;

    protected abstract void closeInformers();

    protected final void line(String json) throws IOException {
        sink.line(json);
    }

    /** Sends the news, or a ping after a quiet spell; a failed write or read closes the stream. */
    @Override
    public final void flush() {
        if (closed.get()) return;
        try {
            if (synced() && sendNews()) {
                quietFlushes = 0;
            } else if (!closed.get() && ++quietFlushes >= flushesPerPing) {
                quietFlushes = 0;
                sink.line(pingLine);
            }
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    @Override
    public final boolean isClosed() {
        return closed.get();
    }

    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) return;
        closeInformers();
        caller.close();
        sink.end();
    }
}

package io.everynode.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake at the module's edge: passes everything to a real transport, and lets a test cut the
 * open streams (as a dropped connection would), hold new streams at a gate, and answer the next
 * stream with 410 Gone (as a server whose history was compacted would).
 */
final class GatedTransport implements Transport {
    private final Transport inner;
    private final List<Transport.Lines> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile CountDownLatch gate;
    private volatile boolean goneNext;

    GatedTransport(Transport inner) {
        this.inner = inner;
    }

    /** New streams wait until {@link #release}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    /** Lets waiting streams on; the first of them is answered 410 Gone when {@code gone}. */
    void release(boolean gone) {
        goneNext = gone;
        CountDownLatch g = gate;
        gate = null;
        if (g != null) g.countDown();
    }

    /** Ends every open stream from the client's side, as a dropped connection would. */
    void cut() {
        for (Transport.Lines l : open) l.close();
        open.clear();
    }

    int streamsOpened() {
        return opened.get();
    }

    int streamsWaiting() {
        return waiting.get();
    }

    @Override
    public Response send(Request request) throws IOException {
        return inner.send(request);
    }

    @Override
    public Streamed stream(Request request) throws IOException {
        CountDownLatch g = gate;
        if (g != null) {
            waiting.incrementAndGet();
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            } finally {
                waiting.decrementAndGet();
            }
        }
        if (goneNext) {
            goneNext = false;
            byte[] status =
                    ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"too old resource version\","
                                    + "\"reason\":\"Expired\",\"code\":410}")
                            .getBytes(StandardCharsets.UTF_8);
            return new Streamed(new Response(410, "application/json", status), null);
        }
        Streamed s = inner.stream(request);
        opened.incrementAndGet();
        if (s.lines() != null) open.add(s.lines());
        return s;
    }

    @Override
    public void close() {
        release(false);
        inner.close();
    }
}

package io.everynode.controlplane;

import io.everynode.apiserver.ApiResponse;
import io.everynode.client.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * The in-process stand-in for a chunked HTTP body: the server's thread writes chunks
 * ({@link ApiResponse.Stream}), the client's thread reads lines ({@link Transport.Lines}).
 *
 * <p>The queue is bounded so a client that stops reading holds back the server's writer, as a
 * full TCP window would: a blocking write waits, an asynchronous write is parked (one at a time,
 * as the {@link ApiResponse.Stream} contract allows) and completes when the reader makes room.
 * One thread reads. Closing from the client side tells the server (its gone-listener, and an
 * interrupt for a handler that blocks in a write), which ends the stream at once.
 */
final class ChunkPipe {
    /** Enough for bursts of events; beyond it the writer waits for the reader. */
    private static final int CAPACITY = 4096;

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private volatile boolean clientClosed;
    private volatile boolean serverClosed;
    private boolean ended; // reader side only
    private final Object parking = new Object();
    private byte[] parked; // guarded by parking: an async write waiting for room
    private Consumer<IOException> parkedDone;
    private volatile Runnable goneListener;

    /**
     * @param writer the thread that serves this stream; interrupted when the client closes, or null when
     *     nothing serves it
     */
    ChunkPipe(Thread writer) {
        this.writer = writer;
    }

    /** The end the server writes to. */
    ApiResponse.Stream serverEnd() {
        return new ApiResponse.Stream() {
            @Override
            public void write(byte[] chunk) throws IOException {
                ChunkPipe.this.write(chunk);
            }

            @Override
            public void write(byte[] chunk, Consumer<IOException> done) {
                writeAsync(chunk, done);
            }

            @Override
            public boolean isOpen() {
                return ChunkPipe.this.isOpen();
            }

            @Override
            public void abort() {
                // As if the reader hung up: it sees the end of the stream (and relists).
                closeFromClient();
            }

            @Override
            public void onClientGone(Runnable listener) {
                goneListener = listener;
                if (clientClosed) listener.run();
            }

            @Override
            public void close() {
                finish();
            }
        };
    }

    /** The end the client reads from; closing it ends the stream from the client's side. */
    Transport.Lines clientEnd() {
        return new Transport.Lines() {
            @Override
            public String next() throws IOException {
                return ChunkPipe.this.next();
            }

            @Override
            public void close() {
                closeFromClient();
            }
        };
    }

    // ---- server side -------------------------------------------------------------------------

    private void write(byte[] chunk) throws IOException {
        if (clientClosed) throw new IOException("the client closed the stream");
        if (chunk.length == 0) return;
        try {
            chunks.put(chunk.clone());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the client closed the stream");
        }
    }

    private void writeAsync(byte[] chunk, Consumer<IOException> done) {
        if (clientClosed) {
            done.accept(new IOException("the client closed the stream"));
            return;
        }
        boolean queued = true;
        if (chunk.length > 0) {
            synchronized (parking) {
                if (!chunks.offer(chunk.clone())) {
                    parked = chunk.clone();
                    parkedDone = done;
                    queued = false;
                }
            }
        }
        if (queued) done.accept(null);
    }

    /** After the reader took a chunk: moves a parked write into the room it made. */
    private void unpark() {
        Consumer<IOException> done = null;
        synchronized (parking) {
            if (parked != null && chunks.offer(parked)) {
                parked = null;
                done = parkedDone;
                parkedDone = null;
            }
        }
        if (done != null) done.accept(null);
    }

    private boolean isOpen() {
        return !clientClosed && !serverClosed;
    }

    /**
     * The server's end of the answer. Does not block: when the queue is full the end is parked
     * behind the last chunk (a writer closes only with no write in flight, so the slot is free).
     */
    void finish() {
        if (serverClosed) return;
        serverClosed = true;
        if (clientClosed) return;
        synchronized (parking) {
            if (!chunks.offer(END)) {
                parked = END;
                parkedDone = failure -> {};
            }
        }
    }

    // ---- client side -------------------------------------------------------------------------

    private String next() throws IOException {
        while (true) {
            String line = takeLine();
            if (line != null) return line;
            if (ended || clientClosed) {
                if (pending.size() > 0 && !clientClosed) {
                    String rest = pending.toString(StandardCharsets.UTF_8);
                    pending.reset();
                    return rest;
                }
                return null;
            }
            byte[] chunk;
            try {
                chunk = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a stream");
            }
            unpark();
            if (chunk == END) ended = true;
            else pending.write(chunk, 0, chunk.length);
        }
    }

    private String takeLine() {
        byte[] buf = pending.toByteArray();
        for (int i = 0; i < buf.length; i++) {
            if (buf[i] == '\n') {
                String line = new String(buf, 0, i, StandardCharsets.UTF_8);
                pending.reset();
                pending.write(buf, i + 1, buf.length - i - 1);
                return line;
            }
        }
        return null;
    }

    private void closeFromClient() {
        if (clientClosed) return;
        clientClosed = true;
        if (writer != null) writer.interrupt();
        Consumer<IOException> stranded;
        synchronized (parking) {
            stranded = parkedDone;
            parked = null;
            parkedDone = null;
            // Wake a reader blocked in take(); what was queued is dropped.
            chunks.clear();
            chunks.offer(END);
        }
        if (stranded != null) stranded.accept(new IOException("the client closed the stream"));
        Runnable gone = goneListener;
        if (gone != null) gone.run();
    }
}

package io.everynode.client;

import io.everynode.apiserver.ApiResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The in-process stand-in for a chunked HTTP body: the server's thread writes chunks
 * ({@link ApiResponse.Stream}), the client's thread reads lines ({@link Transport.Lines}).
 *
 * <p>The queue is bounded so a client that stops reading holds back the server's writer, as a
 * full TCP window would. One thread reads. Closing from the client side interrupts the server's thread (it runs
 * only this stream), which ends the watch loop at once instead of at its next event.
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
            public boolean isOpen() {
                return ChunkPipe.this.isOpen();
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

    private boolean isOpen() {
        return !clientClosed && !serverClosed;
    }

    /** The server's end of the answer; also run when the serving thread ends. */
    void finish() {
        if (serverClosed) return;
        serverClosed = true;
        if (clientClosed) return;
        try {
            chunks.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        // Wake a reader blocked in take(); what was queued is dropped.
        chunks.clear();
        chunks.offer(END);
    }
}

package io.everynode.agent.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Turns log bytes into the answer's bytes: raw, or with each line prefixed by a timestamp and a
 * space (the kubelet's {@code timestamps=true}), cut off after {@code limitBytes}. With
 * timestamps an unterminated line waits for its end ({@link #finish} writes it out).
 */
final class LogWriter {
    /** Where the answer's bytes go; a failure means the client went away. */
    interface Sink {
        void write(byte[] bytes) throws IOException;
    }

    private final Sink sink;
    private final boolean timestamps;
    private long remaining;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    LogWriter(Sink sink, boolean timestamps, Long limitBytes) {
        this.sink = sink;
        this.timestamps = timestamps;
        this.remaining = limitBytes == null ? Long.MAX_VALUE : limitBytes;
    }

    /** True once {@code limitBytes} were written: nothing more will be. */
    boolean full() {
        return remaining <= 0;
    }

    /** Writes {@code data}; with timestamps, each line that ends here is stamped {@code at}. */
    void write(byte[] data, int len, Instant at) throws IOException {
        if (full() || len == 0) return;
        if (!timestamps) {
            emit(data, 0, len);
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (data[i] != '\n') continue;
            if (partial.size() == 0) out.write(stamp(at));
            else {
                out.write(stamp(at));
                partial.writeTo(out);
                partial.reset();
            }
            out.write(data, start, i + 1 - start);
            start = i + 1;
        }
        partial.write(data, start, len - start);
        byte[] b = out.toByteArray();
        emit(b, 0, b.length);
    }

    /** Writes out an unterminated last line (timestamps only), stamped {@code at}. */
    void finish(Instant at) throws IOException {
        if (!timestamps || partial.size() == 0 || full()) return;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(stamp(at));
        partial.writeTo(out);
        partial.reset();
        byte[] b = out.toByteArray();
        emit(b, 0, b.length);
    }

    private void emit(byte[] b, int off, int len) throws IOException {
        int n = (int) Math.min(len, remaining);
        if (n <= 0) return;
        byte[] chunk = new byte[n];
        System.arraycopy(b, off, chunk, 0, n);
        remaining -= n;
        sink.write(chunk);
    }

    /** RFC 3339 with nanoseconds where there are any, then a space, as the kubelet prefixes lines. */
    static byte[] stamp(Instant at) {
        return (at.toString() + " ").getBytes(StandardCharsets.UTF_8);
    }
}

package io.everynode.agent.logs;

import io.everynode.agent.crilog.CriEntry;
import io.everynode.agent.crilog.CriStream;
import io.everynode.agent.crilog.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Turns a log file's entries into the answer's bytes, as the kubelet's log writer does: what the
 * container wrote (a full entry's content and its newline, a partial one's content alone), lines
 * written before {@code since} left out, with {@code timestamps} each line prefixed by its time and
 * a space, everything cut off after {@code limitBytes} (prefixes count, as the kubelet counts them).
 *
 * <p>A line in pieces (partial entries, then a full one) is one line here: kept or left out by the
 * time of its first piece, and prefixed once, with that time (the kubelet stamps each piece, which
 * cuts long lines with timestamps in the middle). Streams are tracked apart, so a stderr line
 * between the pieces of a stdout line does not end it.
 */
final class LogWriter {
    /** Where the answer's bytes go; a failure means the client went away. */
    interface Sink {
        void write(byte[] bytes) throws IOException;

        /** The same, saying which stream the bytes came from (each call holds one stream's); by default {@link #write(byte[])}. */
        default void write(CriStream stream, byte[] bytes) throws IOException {
            write(bytes);
        }
    }

    private final Sink sink;
    private final boolean timestamps;
    private final Instant since;
    private long remaining;
    private final boolean[] inLine = new boolean[CriStream.values().length];
    private final boolean[] keep = new boolean[CriStream.values().length];

    /** @param since null for every line */
    LogWriter(Sink sink, boolean timestamps, Long limitBytes, Instant since) {
        this.sink = sink;
        this.timestamps = timestamps;
        this.since = since;
        this.remaining = limitBytes == null ? Long.MAX_VALUE : limitBytes;
    }

    /** True once {@code limitBytes} were written: nothing more will be. */
    boolean full() {
        return remaining <= 0;
    }

    /** Writes one entry; {@code otherwise} is its time when it has none (a line not in the CRI format). */
    void write(CriEntry e, Instant otherwise) throws IOException {
        if (full()) return;
        int s = e.stream().ordinal();
        boolean starts = !inLine[s];
        Instant at = e.time() != null ? e.time() : otherwise;
        if (starts) keep[s] = since == null || !at.isBefore(since);
        inLine[s] = e.partial();
        if (!keep[s]) return;
        byte[] body = e.written();
        if (starts && timestamps) {
            byte[] prefix = stamp(at);
            byte[] b = Arrays.copyOf(prefix, prefix.length + body.length);
            System.arraycopy(body, 0, b, prefix.length, body.length);
            body = b;
        }
        emit(e.stream(), body);
    }

    private void emit(CriStream stream, byte[] b) throws IOException {
        int n = (int) Math.min(b.length, remaining);
        if (n <= 0) return;
        remaining -= n;
        sink.write(stream, n == b.length ? b : Arrays.copyOf(b, n));
    }

    /** RFC 3339 with nine digits of fraction, then a space: the kubelet's prefix ({@code RFC3339NanoFixed}). */
    static byte[] stamp(Instant at) {
        return (Timestamps.fixed(at) + " ").getBytes(StandardCharsets.US_ASCII);
    }
}

package io.everynode.agent.crilog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a log file's bytes, fed in chunks as they are read, into entries: a file line is handed
 * on once its newline has come; the bytes of a line not ended yet wait for the next chunk (the
 * pump writes every line with one write, so a reader only sees half of one while it is being
 * written). Not thread-safe.
 */
public final class CriLines {
    /** Where the entries go. */
    @FunctionalInterface
    public interface Consumer {
        void accept(CriEntry entry) throws IOException;
    }

    private final Consumer out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public CriLines(Consumer out) {
        this.out = out;
    }

    /** Feeds {@code len} bytes; every file line they complete is parsed and handed on. */
    public void feed(byte[] buf, int len) throws IOException {
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (buf[i] != '\n') continue;
            if (pending.size() == 0) {
                out.accept(CriEntry.parse(buf, start, i - start));
            } else {
                pending.write(buf, start, i - start);
                byte[] line = pending.toByteArray();
                pending.reset();
                out.accept(CriEntry.parse(line, 0, line.length));
            }
            start = i + 1;
        }
        pending.write(buf, start, len - start);
    }

    /** Hands on a last line that has no newline (a reader that stops here, as the kubelet reads one), if any. */
    public void finish() throws IOException {
        if (pending.size() == 0) return;
        byte[] line = pending.toByteArray();
        pending.reset();
        out.accept(CriEntry.parse(line, 0, line.length));
    }

    /** Every entry of a file, in order (empty when it does not exist). */
    public static List<CriEntry> read(Path file) throws IOException {
        List<CriEntry> all = new ArrayList<>();
        if (!Files.exists(file)) return all;
        CriLines lines = new CriLines(all::add);
        byte[] b = Files.readAllBytes(file);
        lines.feed(b, b.length);
        lines.finish();
        return all;
    }

    /** What the container wrote to both streams as one text, in the order the entries were logged (tests, messages). */
    public static String text(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (CriEntry e : read(file)) out.write(e.written());
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The last line with text of a log file, trimmed, or null when none has any. */
    public static String lastLine(Path file) throws IOException {
        List<String> lines = text(file).lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--)
            if (!lines.get(i).isBlank()) return lines.get(i).trim();
        return null;
    }

    /**
     * Where the last {@code entries} log lines start among the first {@code end} bytes of a file:
     * a line is a run of entries of which the last is full, an unended run at the very end counting
     * as one (a line being written); a line not in the format is one line. 0 when there are fewer.
     */
    public static long tailOffset(FileChannel ch, long end, long entries) throws IOException {
        if (entries <= 0) return end;
        final int block = 8192;
        ByteBuffer buf = ByteBuffer.allocate(block);
        long lineEnd = end; // the end of the file line after the newline being looked at
        long seen = 0;
        long pos = end;
        while (pos > 0) {
            int n = (int) Math.min(block, pos);
            long from = pos - n;
            buf.clear().limit(n);
            int read = 0;
            while (read < n) {
                int r = ch.read(buf, from + read);
                if (r < 0) break;
                read += r;
            }
            for (int i = read - 1; i >= 0; i--) {
                long at = from + i;
                if (buf.get(i) != '\n' || at == end - 1) continue; // the last line's own newline ends no boundary
                if (endsLine(ch, at + 1, lineEnd, end) && ++seen == entries) return lineEnd;
                lineEnd = at + 1;
            }
            pos = from;
        }
        return endsLine(ch, 0, lineEnd, end) && ++seen == entries ? lineEnd : 0;
    }

    /**
     * Whether a log line ends where the file line {@code [start, lineEnd)} ends, and another starts
     * after it: the file line is full (its first bytes tell) and not the last one.
     */
    private static boolean endsLine(FileChannel ch, long start, long lineEnd, long end) throws IOException {
        if (lineEnd >= end || start >= lineEnd) return false;
        int n = (int) Math.min(64, lineEnd - start);
        ByteBuffer head = ByteBuffer.allocate(n);
        while (head.hasRemaining()) if (ch.read(head, start + head.position()) <= 0) break;
        int len = head.position();
        if (len > 0 && head.get(len - 1) == '\n') len--;
        return CriEntry.full(head.array(), 0, len);
    }
}

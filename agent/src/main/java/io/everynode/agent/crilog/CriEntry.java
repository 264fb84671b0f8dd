package io.everynode.agent.crilog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * One entry of a CRI log file: {@code <time> <stream> <P|F> <content>}, the file line's newline
 * not part of the content. A full entry ({@code F}) ends a line, so what the container wrote is
 * its content plus a newline; a partial one ({@code P}) is its content alone.
 *
 * @param time when the pump read the bytes; null for a line not in the format (read as stdout)
 * @param content the bytes, without the file line's newline (never contains one)
 */
public record CriEntry(Instant time, CriStream stream, boolean partial, byte[] content) {

    /** The file line of this entry, its newline included; the time with nine digits of fraction, in UTC. */
    public byte[] encode() {
        byte[] head = (Timestamps.fixed(time) + " " + stream.word() + (partial ? " P " : " F "))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] line = Arrays.copyOf(head, head.length + content.length + 1);
        System.arraycopy(content, 0, line, head.length, content.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /** What the container wrote: the content, and a newline for a full entry. */
    public byte[] written() {
        if (partial) return content.clone();
        byte[] out = Arrays.copyOf(content, content.length + 1);
        out[content.length] = '\n';
        return out;
    }

    /**
     * Reads one file line ({@code len} bytes at {@code off}, its newline left out). A line that is
     * not in the format is a full stdout entry of the whole line with no time, so files written
     * raw by earlier versions still read. Tags are split at {@code :} and only the first counts,
     * as the kubelet reads them (later fields are for future use).
     */
    public static CriEntry parse(byte[] buf, int off, int len) {
        int end = off + len;
        int sp1 = indexOf(buf, off, end);
        int sp2 = sp1 < 0 ? -1 : indexOf(buf, sp1 + 1, end);
        if (sp2 < 0) return raw(buf, off, len);
        Instant time;
        try {
            time = Instant.parse(new String(buf, off, sp1 - off, StandardCharsets.US_ASCII));
        } catch (DateTimeParseException e) {
            return raw(buf, off, len);
        }
        String word = new String(buf, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.US_ASCII);
        CriStream stream = word.equals("stdout") ? CriStream.STDOUT : word.equals("stderr") ? CriStream.STDERR : null;
        if (stream == null) return raw(buf, off, len);
        int sp3 = indexOf(buf, sp2 + 1, end);
        int tagEnd = sp3 < 0 ? end : sp3;
        if (tagEnd == sp2 + 1) return raw(buf, off, len);
        boolean partial = buf[sp2 + 1] == 'P' && (tagEnd == sp2 + 2 || buf[sp2 + 2] == ':');
        byte[] content = sp3 < 0 ? new byte[0] : Arrays.copyOfRange(buf, sp3 + 1, end);
        return new CriEntry(time, stream, partial, content);
    }

    /** Whether a file line starting at {@code off} (its first {@code len} bytes at least) ends a line: full, or not in the format. */
    static boolean full(byte[] buf, int off, int len) {
        return !parse(buf, off, len).partial();
    }

    private static CriEntry raw(byte[] buf, int off, int len) {
        return new CriEntry(null, CriStream.STDOUT, false, Arrays.copyOfRange(buf, off, off + len));
    }

    private static int indexOf(byte[] buf, int from, int end) {
        for (int i = from; i < end; i++) if (buf[i] == ' ') return i;
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CriEntry e
                && java.util.Objects.equals(time, e.time)
                && stream == e.stream
                && partial == e.partial
                && Arrays.equals(content, e.content);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(time, stream, partial, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "CriEntry[" + time + " " + stream.word() + (partial ? " P " : " F ")
                + new String(content, StandardCharsets.UTF_8) + "]";
    }
}

package io.everynode.agent.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reading log files from the end: where the last lines start. Pure functions of a channel's bytes. */
final class LogFiles {
    private static final int BLOCK = 8192;

    private LogFiles() {}

    /**
     * The offset where the last {@code lines} lines of the first {@code end} bytes start. A line
     * ends with '\n'; an unterminated last line counts as a line, as the kubelet counts it.
     */
    static long tailOffset(FileChannel ch, long end, long lines) throws IOException {
        if (lines <= 0) return end;
        long pos = end;
        long seen = 0;
        // A final '\n' ends the last line rather than starting an empty one.
        boolean skipFinalNewline = end > 0 && byteAt(ch, end - 1) == '\n';
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        while (pos > 0) {
            int n = (int) Math.min(BLOCK, pos);
            buf.clear().limit(n);
            long from = pos - n;
            int read = 0;
            while (read < n) {
                int r = ch.read(buf, from + read);
                if (r < 0) break;
                read += r;
            }
            for (int i = read - 1; i >= 0; i--) {
                long at = from + i;
                if (buf.get(i) != '\n') continue;
                if (skipFinalNewline && at == end - 1) continue;
                seen++;
                if (seen == lines) return at + 1;
            }
            pos = from;
        }
        return 0;
    }

    private static byte byteAt(FileChannel ch, long at) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, at);
        return one.get(0);
    }
}

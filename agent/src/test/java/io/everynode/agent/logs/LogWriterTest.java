package io.everynode.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.agent.crilog.CriEntry;
import io.everynode.agent.crilog.CriStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogWriterTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final List<String> chunks = new ArrayList<>();
    private final LogWriter.Sink sink = new LogWriter.Sink() {
        @Override
        public void write(byte[] bytes) {
            throw new AssertionError("the writer says which stream");
        }

        @Override
        public void write(CriStream stream, byte[] bytes) {
            chunks.add(stream.word() + ":" + new String(bytes, StandardCharsets.UTF_8));
        }
    };

    private static CriEntry e(int second, CriStream s, boolean partial, String content) {
        return new CriEntry(T0.plusSeconds(second), s, partial, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachChunkSaysWhichStreamItCameFrom() throws Exception {
        LogWriter w = new LogWriter(sink, false, null, null);
        w.write(e(0, CriStream.STDOUT, false, "out"), null);
        w.write(e(1, CriStream.STDERR, false, "err"), null);
        assertThat(chunks).containsExactly("stdout:out\n", "stderr:err\n");
    }

    @Test
    void aStderrLineBetweenThePiecesOfAStdoutLineLeavesItsPrefixAlone() throws Exception {
        LogWriter w = new LogWriter(sink, true, null, null);
        w.write(e(0, CriStream.STDOUT, true, "a"), null);
        w.write(e(1, CriStream.STDERR, false, "oops"), null);
        w.write(e(2, CriStream.STDOUT, false, "b"), null);
        assertThat(chunks)
                .containsExactly(
                        "stdout:2026-12-04T10:00:00.000000000Z a",
                        "stderr:2026-12-04T10:00:01.000000000Z oops\n",
                        "stdout:b\n");
    }

    @Test
    void sinceKeepsOrDropsALineWholeByItsFirstPiece() throws Exception {
        LogWriter w = new LogWriter(sink, false, null, T0.plusSeconds(1));
        w.write(e(0, CriStream.STDOUT, true, "old "), null);
        w.write(e(2, CriStream.STDOUT, false, "line"), null);
        w.write(e(3, CriStream.STDOUT, false, "new"), null);
        assertThat(chunks).containsExactly("stdout:new\n");
    }

    @Test
    void aLineWithNoTimeOfItsOwnTakesTheOneItIsGiven() throws Exception {
        LogWriter w = new LogWriter(sink, true, null, null);
        w.write(new CriEntry(null, CriStream.STDOUT, false, "raw".getBytes(StandardCharsets.UTF_8)), T0);
        assertThat(chunks).containsExactly("stdout:2026-12-04T10:00:00.000000000Z raw\n");
    }
}

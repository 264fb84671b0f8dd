package io.everynode.agent.crilog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CriLinesTest {
    @TempDir
    Path dir;

    /** A file of CRI lines, each given as "stream tag content" (the time is fixed). */
    private Path file(String... entries) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String e : entries)
            sb.append("2026-12-04T10:00:00.000000000Z ").append(e).append('\n');
        Path f = dir.resolve("0.log");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void piecesOfALineReadBackAsTheLineAndStreamsKeepTheirOrder() throws Exception {
        Path f = file("stdout P hel", "stderr F oops", "stdout F lo", "stdout P no end");
        assertThat(CriLines.text(f)).isEqualTo("heloops\nlo\nno end");
        assertThat(CriLines.read(f))
                .extracting(CriEntry::stream)
                .containsExactly(CriStream.STDOUT, CriStream.STDERR, CriStream.STDOUT, CriStream.STDOUT);
    }

    @Test
    void aFileLineIsHandedOnOnlyOnceItsNewlineCame() throws Exception {
        List<CriEntry> got = new ArrayList<>();
        CriLines lines = new CriLines(got::add);
        byte[] b = "2026-12-04T10:00:00Z stdout F one\n2026-12-04T10:00:00Z std".getBytes(StandardCharsets.UTF_8);
        lines.feed(b, b.length);
        assertThat(got).hasSize(1);
        byte[] rest = "err F two\n".getBytes(StandardCharsets.UTF_8);
        lines.feed(rest, rest.length);
        assertThat(got)
                .extracting(e -> new String(e.content(), StandardCharsets.UTF_8))
                .containsExactly("one", "two");
        assertThat(got.get(1).stream()).isEqualTo(CriStream.STDERR);
    }

    @Test
    void theLastLineIsTheLastWithTextWhateverItsStream() throws Exception {
        assertThat(CriLines.lastLine(file("stdout F starting", "stderr F runc run failed: no such file", "stdout F  ")))
                .isEqualTo("runc run failed: no such file");
        assertThat(CriLines.lastLine(dir.resolve("absent.log"))).isNull();
    }

    @ParameterizedTest(name = "tail {0} of [{1}] starts at entry {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // tail | entries as tags, one a file line (P partial, F full, R a raw line)  | first file line served
                "0      | F F F     | 3",
                "1      | F F F     | 2",
                "2      | F F F     | 1",
                "3      | F F F     | 0",
                "9      | F F F     | 0",
                "1      | F P P F   | 1",
                "2      | F P P F   | 0",
                "1      | F P F P   | 3",
                "2      | F P F P   | 1",
                "1      | P P       | 0",
                "1      | R R       | 1",
                "2      | F R F     | 1",
            })
    void tailCountsLinesThatEndWithAFullEntry(long tail, String tags, int firstLine) throws Exception {
        String[] t = tags.trim().split(" ");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            lines.add(t[i].equals("R") ? "raw line " + i : "2026-12-04T10:00:00Z stdout " + t[i] + " line " + i);
        }
        Path f = dir.resolve("t.log");
        Files.writeString(f, String.join("\n", lines) + "\n");
        long expected = 0;
        for (int i = 0; i < firstLine; i++) expected += lines.get(i).length() + 1;
        try (FileChannel ch = FileChannel.open(f)) {
            assertThat(CriLines.tailOffset(ch, ch.size(), tail)).isEqualTo(expected);
        }
    }

    @Test
    void tailFindsLinesLongerThanItsReadBlock() throws Exception {
        String big = "x".repeat(20_000);
        Path f = file("stdout F first", "stdout P " + big, "stdout F " + big, "stdout F last");
        try (FileChannel ch = FileChannel.open(f)) {
            long at = CriLines.tailOffset(ch, ch.size(), 2);
            assertThat(at).isEqualTo("2026-12-04T10:00:00.000000000Z stdout F first\n".length());
        }
    }
}

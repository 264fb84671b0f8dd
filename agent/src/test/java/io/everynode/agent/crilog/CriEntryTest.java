package io.everynode.agent.crilog;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CriEntryTest {
    private static final Instant T = Instant.parse("2026-12-04T10:00:00.5Z");

    @Test
    void theWriterStampsWithNineDigitsInUtcAndEndsEachEntryWithANewline() {
        CriEntry full = new CriEntry(T, CriStream.STDERR, false, bytes("oops"));
        assertThat(text(full.encode())).isEqualTo("2026-12-04T10:00:00.500000000Z stderr F oops\n");
        CriEntry piece = new CriEntry(T, CriStream.STDOUT, true, bytes("half"));
        assertThat(text(piece.encode())).isEqualTo("2026-12-04T10:00:00.500000000Z stdout P half\n");
        assertThat(text(full.written())).isEqualTo("oops\n");
        assertThat(text(piece.written())).isEqualTo("half");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                // line                                                | time                           | stream |
                // partial | content
                "2016-10-06T00:17:09.669794202Z stdout P log content 1 | 2016-10-06T00:17:09.669794202Z | STDOUT | true  | log content 1",
                "2016-10-06T00:17:09.669794203Z stderr F log content 2 | 2016-10-06T00:17:09.669794203Z | STDERR | false | log content 2",
                "2016-10-06T00:17:09.6Z stdout F short fraction        | 2016-10-06T00:17:09.600Z       | STDOUT | false | short fraction",
                "2016-10-06T02:17:09.1+02:00 stdout F with an offset   | 2016-10-06T00:17:09.100Z       | STDOUT | false | with an offset",
                "\"2016-10-06T00:17:09Z stdout F \"                    | 2016-10-06T00:17:09Z           | STDOUT | false | \"\"",
                "2016-10-06T00:17:09Z stdout P:x:y tags after a colon  | 2016-10-06T00:17:09Z           | STDOUT | true  | tags after a colon",
                "2016-10-06T00:17:09Z stdout F  two  spaces            | 2016-10-06T00:17:09Z           | STDOUT | false | \" two  spaces\"",
                "plain text from an older version                      |                                | STDOUT | false | plain text from an older version",
                "2016-10-06T00:17:09Z stdin F not a stream             |                                | STDOUT | false | 2016-10-06T00:17:09Z stdin F not a stream",
                "yesterday stdout F not a time                         |                                | STDOUT | false | yesterday stdout F not a time",
            })
    void aFileLineReadsAsItsEntry(String line, String time, CriStream stream, boolean partial, String content) {
        byte[] b = bytes("xx" + line + "yy");
        CriEntry e = CriEntry.parse(b, 2, b.length - 4);
        assertThat(e.time()).isEqualTo(time == null ? null : Instant.parse(time));
        assertThat(e.stream()).isEqualTo(stream);
        assertThat(e.partial()).isEqualTo(partial);
        assertThat(text(e.content())).isEqualTo(content);
    }

    @Test
    void whatTheWriterWritesReadsBackTheSame() {
        CriEntry e =
                new CriEntry(Instant.parse("2026-01-02T03:04:05.000000007Z"), CriStream.STDERR, true, bytes("a b\tc"));
        byte[] line = e.encode();
        assertThat(CriEntry.parse(line, 0, line.length - 1)).isEqualTo(e);
    }

    @Test
    void thePumpWritesWhatTheGoldenFileShows() throws Exception {
        List<String> lines;
        try (InputStream in = CriEntryTest.class.getResourceAsStream("/crilog/pump.golden")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
        List<String> expected = new ArrayList<>();
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        for (String l : lines) {
            if (l.startsWith("#")) continue;
            if (l.startsWith("read: ")) {
                clock.advance(Duration.ofMillis(1));
                byte[] read = bytes(l.substring("read: ".length()).replace("\\n", "\n"));
                actual.writeBytes(LogPump.entries(read, read.length, CriStream.STDOUT, clock));
            } else {
                expected.add(l);
            }
        }
        assertThat(actual.toString(StandardCharsets.UTF_8)).isEqualTo(String.join("\n", expected) + "\n");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

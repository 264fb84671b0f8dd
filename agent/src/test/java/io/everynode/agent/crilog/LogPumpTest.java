package io.everynode.agent.crilog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pump against a real {@code sh} that holds the FIFOs as a supervisor does. */
class LogPumpTest {
    @TempDir
    Path dir;

    private Process child;
    private LogPump pump;

    @AfterEach
    void stop() {
        if (pump != null) pump.close();
        if (child != null) child.destroyForcibly();
    }

    /** Starts {@code sh} with the supervisor's first and last lines around {@code body}, as the runtimes do. */
    private Process supervise(String body) throws Exception {
        LogPump.makePipes(dir);
        String script = String.join(
                "\n", "d=$1", LogPump.SUPERVISOR_OPEN, ": > \"$d/ready\"", body, LogPump.SUPERVISOR_DRAIN, "");
        Process p = new ProcessBuilder("sh", "-c", script, "supervisor", dir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        // As the runtimes do, the pump starts once the supervisor holds the pipes (it says so with a file).
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("ready")));
        return p;
    }

    private Path log() {
        return dir.resolve("logs/1.log");
    }

    @Test
    void stdoutAndStderrArriveAsStampedEntriesInTheOrderWritten() throws Exception {
        Instant before = Instant.now();
        child = supervise("echo out1; echo err1 >&2; sleep 0.2; echo out2; printf 'no newline' >&2");
        pump = LogPump.start(dir, log(), Clock.systemUTC(), "t");
        assertThat(pump.awaitFinished(Duration.ofSeconds(30))).isTrue();
        List<CriEntry> entries = CriLines.read(log());
        assertThat(entries)
                .extracting(e -> e.stream().word()
                        + (e.partial() ? " P " : " F ")
                        + new String(e.content(), StandardCharsets.UTF_8))
                .containsSubsequence("stdout F out1", "stdout F out2")
                .contains("stderr F err1", "stderr P no newline", "stderr F ");
        assertThat(entries).allSatisfy(e -> assertThat(e.time()).isAfterOrEqualTo(before.minusSeconds(1)));
        // The stream's last entry ends the line the container left open.
        CriEntry last = entries.stream()
                .filter(e -> e.stream() == CriStream.STDERR)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(last.partial()).isFalse();
        assertThat(last.content()).isEmpty();
    }

    @Test
    void aLineLongerThanAPieceIsSplitIntoPartialEntries() throws Exception {
        child = supervise("head -c 40000 /dev/zero | tr '\\0' x; echo");
        pump = LogPump.start(dir, log(), Clock.systemUTC(), "t");
        assertThat(pump.awaitFinished(Duration.ofSeconds(30))).isTrue();
        List<CriEntry> entries = CriLines.read(log());
        assertThat(entries.size()).isGreaterThanOrEqualTo(3);
        assertThat(entries).allSatisfy(e -> assertThat(e.content().length).isLessThanOrEqualTo(LogPump.PIECE));
        assertThat(entries.get(entries.size() - 1).partial()).isFalse();
        assertThat(entries.subList(0, entries.size() - 1)).allMatch(CriEntry::partial);
        assertThat(CriLines.text(log())).isEqualTo("x".repeat(40000) + "\n");
    }

    @Test
    void outputWrittenWhileNoPumpReadsWaitsInThePipeForTheNextOne() throws Exception {
        child = supervise("echo early; while [ ! -e \"$d/go\" ]; do sleep 0.1; done; echo late; : > \"$d/ended\"");
        pump = LogPump.start(dir, log(), Clock.systemUTC(), "first");
        await().atMost(Duration.ofSeconds(30)).until(() -> CriLines.text(log()).equals("early\n"));
        pump.close(); // an agent going away
        assertThat(Files.exists(dir.resolve("reader"))).isFalse();
        Files.writeString(dir.resolve("go"), "");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("ended")));
        assertThat(child.isAlive())
                .as("the supervisor waits for a reader, keeping the pipe")
                .isTrue();
        pump = LogPump.start(dir, log(), Clock.systemUTC(), "second"); // the next agent
        assertThat(pump.awaitFinished(Duration.ofSeconds(30))).isTrue();
        assertThat(CriLines.text(log())).isEqualTo("early\nlate\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
    }

    @Test
    void aPumpOverPipesNobodyHoldsEndsAtOnce() throws Exception {
        LogPump.makePipes(dir);
        pump = LogPump.start(dir, log(), Clock.systemUTC(), "t");
        assertThat(pump.awaitFinished(Duration.ofSeconds(30))).isTrue();
        assertThat(CriLines.read(log())).isEmpty();
    }

    @Test
    void closingAPumpStopsItsThreadsWhileTheContainerStillRuns() throws Exception {
        child = supervise("echo hi; sleep 600");
        pump = LogPump.start(dir, log(), Clock.systemUTC(), "closing");
        await().atMost(Duration.ofSeconds(30)).until(() -> CriLines.text(log()).equals("hi\n"));
        pump.close();
        assertThat(pump.finished()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("log-pump-closing"));
    }
}

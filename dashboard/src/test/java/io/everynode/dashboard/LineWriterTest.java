package io.everynode.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

class LineWriterTest {
    /** A connection: writes complete at once, or wait until the test lets them complete. */
    private static final class Connection implements LineWriter.Out {
        final List<String> written = new ArrayList<>();
        final Deque<Callback> pending = new ArrayDeque<>();
        boolean slow;
        boolean lastWritten;
        int writesInFlight;
        int mostInFlight;

        @Override
        public void write(boolean last, ByteBuffer bytes, Callback callback) {
            writesInFlight++;
            mostInFlight = Math.max(mostInFlight, writesInFlight);
            if (last) lastWritten = true;
            else written.add(StandardCharsets.UTF_8.decode(bytes).toString());
            if (slow) {
                pending.add(callback);
            } else {
                writesInFlight--;
                callback.succeeded();
            }
        }

        void completeOne() {
            writesInFlight--;
            pending.poll().succeeded();
        }

        void failOne() {
            writesInFlight--;
            pending.poll().failed(new IOException("connection reset"));
        }
    }

    private final Connection connection = new Connection();
    private final AtomicInteger ends = new AtomicInteger();
    private final AtomicReference<String> outcome = new AtomicReference<>();
    private final Callback done =
            Callback.from(() -> outcome.set("succeeded"), x -> outcome.set("failed: " + x.getMessage()));

    private LineWriter writer(long maxQueuedBytes) {
        return new LineWriter(connection, done, maxQueuedBytes, ends::incrementAndGet);
    }

    @Test
    void linesGoOutInOrderOneWriteAtATimeWithoutWaitingForTheBrowser() throws IOException {
        connection.slow = true;
        LineWriter w = writer(1024);

        w.line("{\"a\":1}");
        w.line("{\"b\":2}");
        w.line("{\"c\":3}");

        assertThat(connection.written).containsExactly("{\"a\":1}\n");
        connection.completeOne();
        connection.completeOne();
        connection.completeOne();
        assertThat(connection.written).containsExactly("{\"a\":1}\n", "{\"b\":2}\n", "{\"c\":3}\n");
        assertThat(connection.mostInFlight).isEqualTo(1);
    }

    @Test
    void aBrowserTooFarBehindIsDroppedAtTheNextLine() throws IOException {
        connection.slow = true;
        LineWriter w = writer(20);
        w.line("0123456789"); // 11 bytes, in flight
        w.line("0123456"); // 8 more: 19 queued

        assertThatThrownBy(() -> w.line("x")).isInstanceOf(IOException.class).hasMessageContaining("20 bytes behind");
    }

    @Test
    void aFailedWriteFailsTheNextLineAndTheResponseEndsFailed() throws IOException {
        connection.slow = true;
        LineWriter w = writer(1024);
        w.line("a");
        w.line("b");

        connection.failOne();

        assertThatThrownBy(() -> w.line("c")).isInstanceOf(IOException.class);
        w.end();
        assertThat(connection.written).containsExactly("a\n");
        assertThat(outcome.get()).isEqualTo("failed: connection reset");
        assertThat(ends.get()).isEqualTo(1);
    }

    @Test
    void theEndWaitsForQueuedLinesThenCompletesTheResponseOnce() throws IOException {
        connection.slow = true;
        LineWriter w = writer(1024);
        w.line("a");
        w.line("gone");

        w.end();
        w.end();
        assertThat(connection.lastWritten).isFalse();
        connection.completeOne();
        connection.completeOne();

        assertThat(connection.written).containsExactly("a\n", "gone\n");
        assertThat(connection.lastWritten).isTrue();
        connection.completeOne(); // the response's last write
        assertThat(outcome.get()).isEqualTo("succeeded");
        assertThat(ends.get()).isEqualTo(1);
    }

    @Test
    void writesThatCompleteAtOnceAreFollowedInALoopNotByRecursion() throws IOException {
        connection.slow = true;
        LineWriter w = writer(Long.MAX_VALUE);
        w.line("first");
        for (int i = 0; i < 100_000; i++) w.line("{}");
        connection.slow = false; // the browser catches up: every further write completes at once

        connection.completeOne();

        assertThat(connection.written).hasSize(100_001);
    }
}

package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ManualClock clock = new ManualClock();
    private final GatedSink sink = new GatedSink();
    private EventRecorder recorder;

    /** A sink whose first write (the "gate" event) waits until the test opens it; records every write. */
    private static final class GatedSink implements EventRecorder.Sink {
        final CountDownLatch open = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final List<String> writes = new CopyOnWriteArrayList<>();

        @Override
        public void write(HasMetadata regarding, String type, String reason, String message, int times) {
            entered.countDown();
            try {
                if (!open.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writes.add(regarding.getMetadata().getName() + " " + reason + " x" + times + ": " + message);
        }

        int total() {
            return writes.stream()
                    .mapToInt(w -> Integer.parseInt(w.replaceAll("^\\S+ \\S+ x(\\d+):.*$", "$1")))
                    .sum();
        }
    }

    private static DaemonSet ds(String name) {
        return new DaemonSetBuilder()
                .withNewMetadata()
                .withNamespace("logging")
                .withName(name)
                .withUid(name + "-uid")
                .endMetadata()
                .build();
    }

    /** Records a gate event and waits until the writer holds it: later events stay queued until {@code sink.open}. */
    private void holdTheWriter() throws InterruptedException {
        recorder.normal(ds("gate"), "Gate", "hold");
        assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @AfterEach
    void close() {
        sink.open.countDown();
        if (recorder != null) recorder.close();
    }

    @Test
    void recordReturnsWhileTheSinkIsStillBusyAndTheEventIsWrittenAfterwards() throws Exception {
        recorder = new EventRecorder(sink, "test", clock, 10, 1);
        holdTheWriter();
        recorder.warning(ds("fluent-bit"), "FailedDaemonPod", "Found failed daemon pod");
        assertThat(recorder.pending()).isEqualTo(2);
        assertThat(sink.writes).isEmpty();
        sink.open.countDown();
        await().atMost(WAIT).until(() -> sink.writes.size() == 2);
        assertThat(sink.writes)
                .containsExactly("gate Gate x1: hold", "fluent-bit FailedDaemonPod x1: Found failed daemon pod");
    }

    @Test
    void repeatsOfAQueuedEventAreWrittenOnceWithTheirCount() throws Exception {
        recorder = new EventRecorder(sink, "test", clock, 10, 1);
        holdTheWriter();
        for (int i = 0; i < 4; i++) recorder.warning(ds("agent"), "Unhealthy", "Liveness probe failed: 500");
        recorder.warning(ds("agent"), "Unhealthy", "Readiness probe failed: 503");
        sink.open.countDown();
        await().atMost(WAIT).until(() -> sink.writes.size() == 3);
        assertThat(sink.writes)
                .containsExactly(
                        "gate Gate x1: hold",
                        "agent Unhealthy x4: Liveness probe failed: 500",
                        "agent Unhealthy x1: Readiness probe failed: 503");
    }

    @Test
    void fromTheTenthDifferentMessageWithinTenMinutesSimilarEventsAreCombinedIntoOne() throws Exception {
        recorder = new EventRecorder(sink, "test", clock, 100, 1);
        holdTheWriter();
        for (int i = 1; i <= 12; i++)
            recorder.normal(ds("fluent-bit"), "SuccessfulCreate", "Created pod: fluent-bit-" + i);
        recorder.normal(ds("other"), "SuccessfulCreate", "Created pod: other-1");
        sink.open.countDown();
        await().atMost(WAIT).until(() -> sink.total() == 14);
        assertThat(sink.writes).hasSize(12);
        assertThat(sink.writes.subList(1, 10))
                .allMatch(w -> w.startsWith("fluent-bit SuccessfulCreate x1: Created pod: fluent-bit-"));
        assertThat(sink.writes.get(10))
                .isEqualTo(
                        "fluent-bit SuccessfulCreate x3: (combined from similar events): Created pod: fluent-bit-12");
        assertThat(sink.writes.get(11)).isEqualTo("other SuccessfulCreate x1: Created pod: other-1");
    }

    @Test
    void aGroupQuietForMoreThanTenMinutesStartsOverUncombined() {
        recorder = new EventRecorder(sink, "test", clock, 100, 1);
        sink.open.countDown();
        for (int i = 1; i <= 10; i++) recorder.normal(ds("fluent-bit"), "SuccessfulCreate", "Created pod: a-" + i);
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        recorder.normal(ds("fluent-bit"), "SuccessfulCreate", "Created pod: b-1");
        await().atMost(WAIT).until(() -> sink.writes.size() == 11);
        assertThat(sink.writes.get(9)).contains("(combined from similar events): Created pod: a-10");
        assertThat(sink.writes.get(10)).isEqualTo("fluent-bit SuccessfulCreate x1: Created pod: b-1");
    }

    @Test
    void aFullQueueCombinesAFloodOfCreatesInsteadOfDroppingThem() throws Exception {
        recorder = new EventRecorder(sink, "test", clock, 3, 1);
        holdTheWriter();
        recorder.normal(ds("fluent-bit"), "SuccessfulCreate", "Created pod: fluent-bit-0");
        recorder.normal(ds("node-exporter"), "SuccessfulCreate", "Created pod: node-exporter-0");
        recorder.warning(ds("fluent-bit"), "FailedDaemonPod", "Found failed daemon pod");
        for (int i = 1; i <= 5000; i++)
            recorder.normal(ds("fluent-bit"), "SuccessfulCreate", "Created pod: fluent-bit-" + i);
        assertThat(recorder.dropped()).isZero();
        assertThat(recorder.pending()).isLessThanOrEqualTo(1 + 2 * 3);

        recorder.normal(ds("kube-proxy"), "SuccessfulCreate", "Created pod: kube-proxy-0");
        assertThat(recorder.dropped())
                .as("nothing of its kind was queued to combine with")
                .isEqualTo(1);

        sink.open.countDown();
        await().atMost(WAIT).until(() -> sink.total() == 1 + 3 + 5000);
        assertThat(sink.writes)
                .anyMatch(w -> w.startsWith("fluent-bit SuccessfulCreate x")
                        && w.endsWith("(combined from similar events): Created pod: fluent-bit-5000"));
    }

    @Test
    void closeWritesWhatIsQueuedThenRefusesNewEvents() {
        recorder = new EventRecorder(sink, "test", clock, 10, 1);
        sink.open.countDown();
        recorder.normal(ds("a"), "Killing", "Stopping container main");
        recorder.close();
        assertThat(sink.writes).containsExactly("a Killing x1: Stopping container main");
        recorder.normal(ds("a"), "Killing", "again");
        assertThat(recorder.dropped()).isEqualTo(1);
        assertThat(recorder.pending()).isZero();
    }

    @Test
    void withSeveralWritersAnObjectsEventsStillArriveInTheOrderTheyWereRecorded() {
        List<String> writes = new CopyOnWriteArrayList<>();
        recorder = new EventRecorder(
                (regarding, type, reason, message, times) ->
                        writes.add(regarding.getMetadata().getName() + " " + reason),
                "test",
                clock,
                1000,
                8);
        for (int i = 0; i < 200; i++) {
            recorder.normal(ds("pod-" + i), "Pulled", "Container image already present");
            recorder.normal(ds("pod-" + i), "Created", "Created container: main");
            recorder.normal(ds("pod-" + i), "Started", "Started container main");
        }
        await().atMost(WAIT).until(() -> writes.size() == 600);
        for (int i = 0; i < 200; i++) {
            String pod = "pod-" + i;
            assertThat(writes.stream().filter(w -> w.startsWith(pod + " ")).toList())
                    .containsExactly(pod + " Pulled", pod + " Created", pod + " Started");
        }
        assertThat(recorder.dropped()).isZero();
    }
}

package io.everynode.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The queue's semantics as scripts of steps, run on one thread with a fake clock:
 * {@code add k}, {@code after k <ms>}, {@code limited k}, {@code forget k}, {@code done k},
 * {@code tick <ms>} (advance the clock), {@code shutdown}, and the checks {@code get k}
 * (the next key is k; {@code get -} means null after shutdown), {@code len n} and
 * {@code requeues k n}.
 */
class WorkQueueTest {
    private final ExecutorService workers = Executors.newCachedThreadPool();

    @AfterEach
    void stopWorkers() {
        workers.shutdownNow();
    }

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of(
                        "keys come out in the order they went in", "add a; add b; add c; get a; get b; get c; len 0"),
                Arguments.of(
                        "a key added twice while queued comes out once",
                        "add a; add b; add a; len 2; get a; get b; len 0"),
                Arguments.of(
                        "a key added while processing waits for done, then comes out again",
                        "add a; get a; add a; len 0; done a; len 1; get a; done a; len 0"),
                Arguments.of(
                        "a key added several times while processing comes out once more",
                        "add a; get a; add a; add a; done a; get a; done a; len 0"),
                Arguments.of("done without a re-add queues nothing", "add a; get a; done a; len 0"),
                Arguments.of(
                        "done for a key never handed out queues nothing twice", "add a; done a; len 1; get a; len 0"),
                Arguments.of(
                        "a delayed key waits for the clock",
                        "after a 1000; len 0; tick 999; len 0; tick 1; len 1; get a"),
                Arguments.of(
                        "a delayed key already queued is not queued twice",
                        "add a; after a 10; tick 10; len 1; get a; len 0"),
                Arguments.of(
                        "a key delayed twice keeps the earlier time",
                        "after a 1000; after a 100; tick 100; get a; done a; tick 900; len 0"),
                Arguments.of(
                        "a key delayed again with a later time keeps the earlier one",
                        "after a 100; after a 1000; tick 100; len 1"),
                Arguments.of(
                        "delayed keys come out in the order of their times",
                        "after b 200; after a 100; tick 200; get a; get b"),
                Arguments.of("a zero delay adds at once", "after a 0; len 1"),
                Arguments.of(
                        "rate-limited adds back off exponentially",
                        "limited a; tick 4; len 0; tick 1; get a; done a; limited a; tick 9; len 0; tick 1; get a; done a; requeues a 2"),
                Arguments.of(
                        "forget resets the back-off",
                        "limited a; limited a; requeues a 2; forget a; requeues a 0; tick 5; get a; done a; limited a; tick 5; len 1"),
                Arguments.of(
                        "back-off is per key",
                        "limited a; tick 5; get a; done a; limited a; limited b; tick 5; get b; len 0; tick 5; get a"),
                Arguments.of(
                        "after shutdown queued keys drain, then get answers null",
                        "add a; add b; shutdown; get a; get b; get -"),
                Arguments.of(
                        "after shutdown adds are ignored and delayed keys dropped",
                        "after a 10; shutdown; add b; limited c; tick 100; len 0; get -"),
                Arguments.of(
                        "a key re-added while processing before shutdown still comes out after done",
                        "add a; get a; add a; shutdown; done a; get a; get -"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void scriptsRunAsDescribed(String description, String script) throws Exception {
        ManualClock clock = new ManualClock();
        WorkQueue<String> q = new WorkQueue<>(clock);
        for (String raw : script.split(";")) {
            String[] s = raw.trim().split(" ");
            String step = raw.trim();
            switch (s[0]) {
                case "add" -> q.add(s[1]);
                case "after" -> q.addAfter(s[1], Duration.ofMillis(Long.parseLong(s[2])));
                case "limited" -> q.addRateLimited(s[1]);
                case "forget" -> q.forget(s[1]);
                case "done" -> q.done(s[1]);
                case "tick" -> clock.advance(Duration.ofMillis(Long.parseLong(s[1])));
                case "shutdown" -> q.shutDown();
                case "len" -> assertThat(q.len()).as(step).isEqualTo(Integer.parseInt(s[1]));
                case "requeues" -> assertThat(q.numRequeues(s[1])).as(step).isEqualTo(Integer.parseInt(s[2]));
                case "get" -> {
                    // Never block the script: a get is only legal when something is ready or the queue is shut down.
                    assertThat(q.len() > 0 || q.isShuttingDown())
                            .as(step + ": nothing is ready")
                            .isTrue();
                    assertThat(q.get()).as(step).isEqualTo(s[1].equals("-") ? null : s[1]);
                }
                default -> throw new IllegalArgumentException("unknown step " + step);
            }
        }
    }

    @Test
    void aBlockedWorkerGetsAKeyAddedByAnotherThread() throws Exception {
        WorkQueue<String> q = new WorkQueue<>(new ManualClock());
        Future<String> got = workers.submit(q::get);
        q.add("a");
        assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("a");
    }

    @Test
    void aBlockedWorkerGetsADelayedKeyWhenTheClockReachesIt() throws Exception {
        ManualClock clock = new ManualClock();
        WorkQueue<String> q = new WorkQueue<>(clock);
        q.addAfter("a", Duration.ofHours(1));
        Future<String> got = workers.submit(q::get);
        clock.advance(Duration.ofHours(1));
        q.len(); // the queue notices the clock when used
        assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("a");
    }

    @Test
    void shutdownWakesABlockedWorkerWithNull() throws Exception {
        WorkQueue<String> q = new WorkQueue<>(new ManualClock());
        CompletableFuture<String> got = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return q.get();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                },
                workers);
        q.shutDown();
        assertThat(got.get(10, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void twoWorkersNeverHoldTheSameKeyAtOnce() throws Exception {
        WorkQueue<String> q = new WorkQueue<>(new ManualClock());
        q.add("a");
        String first = q.get();
        q.add("a");
        Future<String> second = workers.submit(q::get);
        q.add("b");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("b");
        assertThat(first).isEqualTo("a");
        q.done("a");
        await().atMost(Duration.ofSeconds(10)).until(() -> q.len() == 1);
        assertThat(q.get()).isEqualTo("a");
    }
}

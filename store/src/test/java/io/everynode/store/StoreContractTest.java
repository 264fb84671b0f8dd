package io.everynode.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Store} contract, run against every implementation. Subclasses say where the
 * store lives; every test opens it with a {@link ManualClock} and the background compactor off
 * (unless the test is about the compactor).
 *
 * <p>Revisions are counted from {@link #base}, the store's revision when the test opened it: 0
 * for the embedded stores, whatever a shared etcd cluster has reached for the etcd store (each
 * test there gets a key prefix of its own, so it sees only its own keys).
 */
abstract class StoreContractTest {

    protected final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    protected Store store;
    /** The store's revision when the test began. */
    protected long base;
    /** The store's compact revision when the test began. */
    protected long compactedBefore;

    private final List<Store> opened = new ArrayList<>();

    /**
     * Where and how a store under test lives, retention at the contract's defaults; each call
     * names a fresh location, so tests may open several independent stores.
     */
    protected abstract StoreConfig config();

    protected Store open(StoreConfig config) {
        return track(Stores.open(config, clock));
    }

    protected Store track(Store s) {
        opened.add(s);
        return s;
    }

    @BeforeEach
    void openStore() {
        store = open(config().withCompactInterval(Duration.ZERO));
        base = store.currentRevision();
        compactedBefore = store.compactRevision();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(Store::close);
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static String text(KeyValue kv) {
        return new String(kv.value(), UTF_8);
    }

    // ---- writes and reads ----

    @Test
    void aNewStoreHoldsNoKeysAndNothingAfterItsRevisionIsCompacted() {
        assertThat(store.list("", 0).items()).isEmpty();
        assertThat(store.list("", 0).revision()).isEqualTo(base);
        assertThat(store.compactRevision()).isLessThanOrEqualTo(base);
    }

    @Test
    void createGetsTheNextRevisionAndGetReturnsTheEntry() {
        KeyValue a = store.create("/registry/pods/default/a", bytes("{\"a\":1}"));
        KeyValue b = store.create("/registry/pods/default/b", bytes("{\"b\":1}"));

        assertThat(a.createRevision()).isEqualTo(base + 1).isEqualTo(a.modRevision());
        assertThat(b.modRevision()).isEqualTo(base + 2);
        assertThat(store.currentRevision()).isEqualTo(base + 2);
        KeyValue got = store.get("/registry/pods/default/a").orElseThrow();
        assertThat(text(got)).isEqualTo("{\"a\":1}");
        assertThat(got.modRevision()).isEqualTo(base + 1);
        assertThat(store.get("/registry/pods/default/missing")).isEmpty();
    }

    @Test
    void createOfAnExistingKeyIsKeyExistsAndWritesNothing() {
        store.create("/k", bytes("1"));

        assertThatThrownBy(() -> store.create("/k", bytes("2"))).isInstanceOf(KeyExistsException.class);
        assertThat(store.currentRevision()).isEqualTo(base + 1);
        assertThat(text(store.get("/k").orElseThrow())).isEqualTo("1");
    }

    @Test
    void updateWithTheCurrentModRevisionReplacesTheValueAndKeepsTheCreateRevision() {
        KeyValue created = store.create("/k", bytes("1"));
        store.create("/other", bytes("x"));

        KeyValue updated = store.update("/k", bytes("2"), created.modRevision());

        assertThat(updated.modRevision()).isEqualTo(base + 3);
        assertThat(updated.createRevision()).isEqualTo(base + 1);
        assertThat(store.get("/k").orElseThrow()).satisfies(kv -> {
            assertThat(text(kv)).isEqualTo("2");
            assertThat(kv.modRevision()).isEqualTo(base + 3);
            assertThat(kv.createRevision()).isEqualTo(base + 1);
        });
    }

    @Test
    void updateWithRevisionZeroIsUnconditional() {
        store.create("/k", bytes("1"));
        store.update("/k", bytes("2"), 0);

        assertThat(store.update("/k", bytes("3"), 0).modRevision()).isEqualTo(base + 3);
    }

    @Test
    void updateWithAStaleModRevisionIsAConflictAndWritesNothing() {
        KeyValue created = store.create("/k", bytes("1"));
        store.update("/k", bytes("2"), created.modRevision());

        assertThatThrownBy(() -> store.update("/k", bytes("3"), created.modRevision()))
                .isInstanceOf(ConflictException.class);
        assertThat(store.currentRevision()).isEqualTo(base + 2);
        assertThat(text(store.get("/k").orElseThrow())).isEqualTo("2");
    }

    @Test
    void updateOfAMissingOrDeletedKeyIsKeyNotFound() {
        assertThatThrownBy(() -> store.update("/never", bytes("1"), 0)).isInstanceOf(KeyNotFoundException.class);
        store.create("/gone", bytes("1"));
        store.delete("/gone", 0);

        assertThatThrownBy(() -> store.update("/gone", bytes("2"), 0)).isInstanceOf(KeyNotFoundException.class);
        assertThatThrownBy(() -> store.update("/gone", bytes("2"), base + 1)).isInstanceOf(KeyNotFoundException.class);
        assertThat(store.currentRevision()).isEqualTo(base + 2);
    }

    @Test
    void deleteReturnsTheLastEntryStampedWithTheDeletionRevision() {
        store.create("/k", bytes("1"));
        KeyValue updated = store.update("/k", bytes("2"), 0);

        KeyValue deleted = store.delete("/k", updated.modRevision());

        assertThat(text(deleted)).isEqualTo("2");
        assertThat(deleted.createRevision()).isEqualTo(base + 1);
        assertThat(deleted.modRevision()).isEqualTo(base + 3);
        assertThat(store.get("/k")).isEmpty();
        assertThat(store.currentRevision()).isEqualTo(base + 3);
    }

    @Test
    void deleteWithAStaleModRevisionIsAConflictAndKeepsTheKey() {
        KeyValue created = store.create("/k", bytes("1"));
        store.update("/k", bytes("2"), 0);

        assertThatThrownBy(() -> store.delete("/k", created.modRevision())).isInstanceOf(ConflictException.class);
        assertThat(store.get("/k")).isPresent();
    }

    @Test
    void deleteOfAMissingKeyIsKeyNotFound() {
        assertThatThrownBy(() -> store.delete("/never", 0)).isInstanceOf(KeyNotFoundException.class);
        assertThatThrownBy(() -> store.delete("/never", base + 1)).isInstanceOf(KeyNotFoundException.class);
        assertThat(store.currentRevision()).isEqualTo(base);
    }

    @Test
    void aDeletedKeyCanBeCreatedAgainWithANewCreateRevision() {
        store.create("/k", bytes("1"));
        store.delete("/k", 0);

        KeyValue again = store.create("/k", bytes("2"));

        assertThat(again.createRevision()).isEqualTo(base + 3).isEqualTo(again.modRevision());
    }

    @Test
    void listReturnsOnlyKeysUnderThePrefixInKeyOrder() {
        store.create("/registry/pods/default/b", bytes("b"));
        store.create("/registry/pods/default/a", bytes("a"));
        store.create("/registry/pods/kube-system/c", bytes("c"));
        store.create("/registry/podsx/default/z", bytes("z"));
        store.create("/registry/nodes/n1", bytes("n"));
        store.create("/registry/pods/default/d", bytes("d"));
        store.delete("/registry/pods/default/d", 0);

        ListResult pods = store.list("/registry/pods/", 0);

        assertThat(pods.revision()).isEqualTo(base + 7);
        assertThat(pods.items())
                .extracting(KeyValue::key)
                .containsExactly(
                        "/registry/pods/default/a", "/registry/pods/default/b", "/registry/pods/kube-system/c");
        assertThat(store.list("", 0).items()).hasSize(5);
    }

    @Test
    void listAtAPastRevisionShowsTheStateAsItWasThen() {
        store.create("/p/a", bytes("a1")); // 1
        store.create("/p/b", bytes("b1")); // 2
        store.update("/p/a", bytes("a2"), 0); // 3
        store.delete("/p/b", 0); // 4
        store.create("/p/c", bytes("c1")); // 5

        ListResult atTwo = store.list("/p/", base + 2);
        ListResult atFour = store.list("/p/", base + 4);

        assertThat(atTwo.revision()).isEqualTo(base + 2);
        assertThat(atTwo.items()).extracting(KeyValue::key).containsExactly("/p/a", "/p/b");
        assertThat(text(atTwo.items().get(0))).isEqualTo("a1");
        assertThat(atTwo.items().get(0).modRevision()).isEqualTo(base + 1);
        assertThat(atFour.items()).extracting(KeyValue::key).containsExactly("/p/a");
        assertThat(text(atFour.items().get(0))).isEqualTo("a2");
        assertThat(store.list("/p/", 0).items()).extracting(KeyValue::key).containsExactly("/p/a", "/p/c");
    }

    // ---- watch ----

    @Test
    void watchAfterARevisionReplaysTheLogThenStreamsNewChanges() {
        store.create("/w/a", bytes("1")); // 1
        store.update("/w/a", bytes("2"), 0); // 2
        store.create("/w/b", bytes("1")); // 3
        RecordingListener listener = new RecordingListener();

        store.watch("/w/", base + 1, listener);
        await().until(() -> listener.events.size() == 2);
        store.delete("/w/a", 0); // 4
        store.create("/w/c", bytes("1")); // 5

        await().until(() -> listener.events.size() == 4);
        assertThat(listener.revisions()).containsExactly(base + 2, base + 3, base + 4, base + 5);
        assertThat(listener.events.get(0)).isInstanceOfSatisfying(StoreEvent.Put.class, put -> {
            assertThat(put.created()).isFalse();
            assertThat(text(put.kv())).isEqualTo("2");
        });
        assertThat(listener.events.get(1))
                .isInstanceOfSatisfying(
                        StoreEvent.Put.class, put -> assertThat(put.created()).isTrue());
        assertThat(listener.events.get(2)).isInstanceOfSatisfying(StoreEvent.Deleted.class, del -> {
            assertThat(del.key()).isEqualTo("/w/a");
            assertThat(text(del.previous())).isEqualTo("2");
            assertThat(del.previous().modRevision()).isEqualTo(base + 2);
            assertThat(del.previous().createRevision()).isEqualTo(base + 1);
        });
        assertThat(listener.error.get()).isNull();
    }

    @Test
    void watchOfAPrefixDeliversOnlyKeysUnderIt() {
        RecordingListener listener = new RecordingListener();
        store.watch("/registry/pods/", base, listener);

        store.create("/registry/pods/default/a", bytes("1"));
        store.create("/registry/podsx/default/a", bytes("1"));
        store.create("/registry/nodes/n1", bytes("1"));
        store.create("/registry/pods/default/b", bytes("1"));
        RecordingListener everything = new RecordingListener();
        store.watch("", base, everything);

        await().until(() -> listener.events.size() == 2 && everything.events.size() == 4);
        assertThat(listener.keys()).containsExactly("/registry/pods/default/a", "/registry/pods/default/b");
    }

    @Test
    void aProgressRequestTellsAQuietWatchThatWritesElsewhereRaisedTheRevision() {
        RecordingListener listener = new RecordingListener();
        Watch watch = store.watch("/registry/", base, listener);
        store.create("/registry/pods/default/a", bytes("1"));
        long foreign = store.create("/elsewhere/x", bytes("1")).modRevision();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            watch.requestProgress();
            return listener.lastProgress() >= foreign;
        });
        // Reported after the event it covers, never before.
        assertThat(listener.progress).allSatisfy(p -> {
            if (p.revision() > base) assertThat(p.eventsBefore()).isEqualTo(1);
        });
        assertThat(listener.events).hasSize(1);
        assertThat(listener.error.get()).isNull();
    }

    @Test
    void progressNeverOvertakesTheEventsItCovers() {
        RecordingListener listener = new RecordingListener();
        Watch watch = store.watch("/p/", base, listener);
        int writes = 50;
        for (int i = 0; i < writes; i++) {
            store.create("/p/" + i, bytes("1"));
            watch.requestProgress(); // while the event may still be on its way
            store.create("/q/" + i, bytes("1"));
        }
        long last = store.currentRevision();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            watch.requestProgress();
            return listener.lastProgress() >= last;
        });
        // Whenever progress said "up to R", every /p/ event at or below R had been delivered.
        List<Long> revisions = listener.revisions();
        for (RecordingListener.Progress p : listener.progress) {
            long covered = revisions.stream().filter(r -> r <= p.revision()).count();
            assertThat((long) p.eventsBefore())
                    .as("events delivered before progress %s", p)
                    .isGreaterThanOrEqualTo(covered);
        }
        assertThat(listener.progress)
                .extracting(RecordingListener.Progress::revision)
                .isSorted();
        assertThat(listener.events).hasSize(writes);
    }

    @Test
    void watchUnderConcurrentWritersDeliversEveryRevisionExactlyOnceInOrder() throws Exception {
        int writers = 8;
        int writesPerWriter = 200;
        long start = store.currentRevision();
        RecordingListener fromStart = new RecordingListener();
        store.watch("", start, fromStart);
        RecordingListener midStream = new RecordingListener();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < writesPerWriter; i++) {
                        String key = "/c/" + writer + "/" + (i % 10);
                        if (i < 10) {
                            store.create(key, bytes("v" + i));
                        } else {
                            store.update(key, bytes("v" + i), 0);
                        }
                    }
                }));
            }
            // Open a second watch while the writers run: it replays what is already there and
            // must switch to live events without a gap or a duplicate.
            await().until(() -> store.currentRevision() >= start + 400);
            store.watch("", start, midStream);
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long total = (long) writers * writesPerWriter;
        List<Long> expected =
                LongStream.rangeClosed(start + 1, start + total).boxed().toList();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> fromStart.events.size() >= total && midStream.events.size() >= total);
        assertThat(fromStart.revisions()).isEqualTo(expected);
        assertThat(midStream.revisions()).isEqualTo(expected);
        assertThat(fromStart.overlaps.get()).isZero();
        assertThat(midStream.overlaps.get()).isZero();
        assertThat(store.currentRevision()).isEqualTo(start + total);
    }

    @Test
    void closingAWatchStopsDelivery() {
        RecordingListener closed = new RecordingListener();
        RecordingListener open = new RecordingListener();
        Watch watch = store.watch("/k", base, closed);
        store.watch("/k", base, open);
        store.create("/k1", bytes("1"));
        await().until(() -> closed.events.size() == 1);

        watch.close();
        watch.close(); // harmless twice
        store.create("/k2", bytes("1"));

        await().until(() -> open.events.size() == 2);
        assertThat(closed.revisions()).containsExactly(base + 1);
    }

    @Test
    void aListenerThatFallsTooFarBehindIsEndedWithOnError() throws Exception {
        // A fresh store with a backlog bound of 5 events per watch.
        Store bounded = track(Stores.open(config().withCompactInterval(Duration.ZERO), clock, 5));
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener stuck = new RecordingListener() {
            @Override
            void handle(StoreEvent event) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        long base = bounded.currentRevision();
        bounded.watch("/s/", base, stuck);
        for (int i = 0; i < 20; i++) {
            bounded.create("/s/" + i, bytes("1"));
        }
        release.countDown();

        await().until(() -> stuck.error.get() != null);
        assertThat(stuck.events.size()).isLessThan(20);
        assertThat(bounded.create("/s/after", bytes("1")).modRevision()).isEqualTo(base + 21);
    }

    @Test
    void aListenerThatThrowsIsEndedWithOnError() {
        RecordingListener throwing = new RecordingListener() {
            @Override
            void handle(StoreEvent event) {
                throw new IllegalStateException("boom");
            }
        };
        store.watch("", base, throwing);
        store.create("/a", bytes("1"));
        store.create("/b", bytes("1"));

        await().until(() -> throwing.error.get() != null);
        assertThat(throwing.error.get()).hasMessage("boom");
        assertThat(throwing.events).isEmpty();
    }

    @Test
    void closingTheStoreRejectsWrites() {
        Store other = open(config().withCompactInterval(Duration.ZERO));
        other.close();
        other.close();

        assertThatThrownBy(() -> other.create("/x", bytes("1"))).isInstanceOf(StoreException.class);
    }

    // ---- compaction ----

    @Test
    void compactionKeepsTheLast1000RevisionsAndAnswersCompactedBeforeThem() {
        store.create("/keep", bytes("k")); // 1, never touched again
        store.create("/gone", bytes("g")); // 2
        store.delete("/gone", 0); // 3
        store.create("/hot", bytes("3")); // 4
        for (int rev = 5; rev <= 1500; rev++) {
            store.update("/hot", bytes(Integer.toString(rev - 1)), 0);
        }
        assertThat(store.compact()).as("nothing is older than 5 minutes yet").isEqualTo(compactedBefore);
        clock.advance(Duration.ofMinutes(6));

        long compacted = store.compact();

        assertThat(compacted).isEqualTo(base + 500).isEqualTo(store.compactRevision());
        assertThatThrownBy(() -> store.list("/", base + 499))
                .isInstanceOfSatisfying(
                        CompactedException.class,
                        e -> assertThat(e.compactRevision()).isEqualTo(base + 500));
        assertThatThrownBy(() -> store.watch("/", base + 499, new RecordingListener()))
                .isInstanceOf(CompactedException.class);
        ListResult atCompaction = store.list("/", base + 500);
        assertThat(atCompaction.items()).extracting(KeyValue::key).containsExactly("/hot", "/keep");
        assertThat(text(atCompaction.items().get(0))).isEqualTo("499");
        assertThat(atCompaction.items().get(0).modRevision()).isEqualTo(base + 500);
        assertThat(store.get("/keep").orElseThrow().modRevision()).isEqualTo(base + 1);
        RecordingListener replay = new RecordingListener();
        store.watch("/", base + 500, replay);
        await().until(() -> replay.events.size() == 1000);
        assertThat(replay.revisions())
                .isEqualTo(
                        LongStream.rangeClosed(base + 501, base + 1500).boxed().toList());
        assertThat(store.create("/next", bytes("1")).modRevision()).isEqualTo(base + 1501);
    }

    @Test
    void compactionKeepsTheLastFiveMinutesEvenBeyond1000Revisions() {
        for (int i = 0; i < 500; i++) {
            store.create("/old/" + i, bytes("1")); // 1..500 at t0
        }
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 1500; i++) {
            store.update("/old/" + (i % 500), bytes("2"), 0); // 501..2000 at t0+10m
        }

        long compacted = store.compact();

        assertThat(compacted).as("revisions of the last 5 minutes stay").isEqualTo(base + 500);
        assertThat(store.list("/old/", base + 500).items()).hasSize(500);
        assertThatThrownBy(() -> store.list("/old/", base + 499)).isInstanceOf(CompactedException.class);
        assertThat(store.compact())
                .as("the compact revision never goes backwards")
                .isEqualTo(base + 500);
    }

    @Test
    void theBackgroundCompactorRunsOnItsInterval() {
        Store auto = open(config().withCompactInterval(Duration.ofMillis(20)));
        long autoBase = auto.currentRevision();
        for (int i = 0; i < 1100; i++) {
            auto.create("/auto/" + i, bytes("1"));
        }
        clock.advance(Duration.ofMinutes(6));

        await().until(() -> auto.compactRevision() == autoBase + 100);
        assertThat(auto.list("/auto/", 0).items()).hasSize(1100);
    }
}

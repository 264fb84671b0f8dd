package io.everynode.apiserver.watch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.store.CompactedException;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.StoreUnavailableException;
import io.everynode.store.Stores;
import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watch cache against a real (memory) store: consistent reads, and recovery from a failed store watch. */
class ObjectCacheTest {
    private static final ResourceType PODS = ResourceTypes.PODS;

    private final Store memory = Stores.open(
            StoreConfig.memory().withCompactInterval(Duration.ZERO),
            new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));
    private final BreakableStore store = new BreakableStore(memory);
    private ObjectCache cache;

    @AfterEach
    void close() {
        if (cache != null) cache.close();
        store.close();
    }

    private ObjectCache open() {
        cache = new ObjectCache(store, key -> key.startsWith(PODS.keyPrefix()) ? PODS : null);
        cache.sync(); // it replays the store's log from its oldest revision first
        return cache;
    }

    private static byte[] pod(String name) {
        return ("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
                        + "\",\"namespace\":\"default\"}}")
                .getBytes(UTF_8);
    }

    private static String key(String name) {
        return PODS.key("default", name);
    }

    @Test
    void aConsistentReadAfterAWriteOutsideTheRegistryAnswersAtTheStoresRevision() {
        open();
        store.create(key("a"), pod("a"));
        long foreign = store.create("/elsewhere/config", "x".getBytes(UTF_8)).modRevision();

        cache.sync(); // without progress answers this waits for an event that never comes, then 504

        assertThat(cache.revision()).isEqualTo(foreign);
        assertThat(cache.get(PODS, key("a"))).isNotNull();
    }

    @Test
    void aFailedStoreWatchIsFollowedByARelistThatReplacesTheContentsAndEndsClientWatchesWithGone() {
        store.create(key("stays"), pod("stays"));
        store.create(key("deleted"), pod("deleted"));
        store.create(key("changed"), pod("changed"));
        open();
        List<CacheEvent> clientEvents = new CopyOnWriteArrayList<>();
        List<ApiException> clientEnds = new CopyOnWriteArrayList<>();
        List<CacheEvent> followed = new CopyOnWriteArrayList<>();
        cache.subscribe(cache.revision(), clientEvents::add, clientEnds::add, () -> clientEnds.add(null));
        cache.subscribe(cache.revision(), followed::add);

        store.cut(); // these changes never reach the cache's watch
        store.delete(key("deleted"), 0);
        store.update(key("changed"), pod("changed"), 0);
        store.create(key("added"), pod("added"));
        store.failListsTimes(2); // and the store cannot be listed at first
        store.fail(new CompactedException(cache.revision(), store.currentRevision()));

        await().atMost(Duration.ofSeconds(30)).until(() -> cache.revision() == store.currentRevision());
        assertThat(cache.list(PODS, PODS.listPrefix("default")))
                .extracting(o -> o.path("metadata").path("name").asString())
                .containsExactly("added", "changed", "stays");
        assertThat(clientEnds).singleElement().satisfies(gone -> {
            assertThat(gone.code()).isEqualTo(410);
            assertThat(gone.reason()).isEqualTo("Expired");
            assertThat(gone.getMessage()).startsWith("too old resource version: ");
        });
        assertThat(followed)
                .extracting(e -> e.type() + " " + e.key())
                .containsExactlyInAnyOrder(
                        "DELETED " + key("deleted"), "MODIFIED " + key("changed"), "ADDED " + key("added"));
        assertThat(followed).allSatisfy(e -> assertThat(e.revision()).isEqualTo(cache.revision()));

        // It follows the store again; the ended client watch hears nothing more.
        store.create(key("later"), pod("later"));
        await().atMost(Duration.ofSeconds(30)).until(() -> cache.get(PODS, key("later")) != null);
        await().until(() -> followed.size() == 4);
        assertThat(clientEvents).isEmpty();
        assertThat(store.openWatches()).isEqualTo(1);
    }

    @Test
    void aFailedStoreWatchThatLostNothingKeepsClientWatches() {
        store.create(key("a"), pod("a"));
        open();
        List<CacheEvent> clientEvents = new CopyOnWriteArrayList<>();
        List<ApiException> clientEnds = new CopyOnWriteArrayList<>();
        cache.subscribe(cache.revision(), clientEvents::add, clientEnds::add, () -> clientEnds.add(null));

        store.fail(new io.everynode.store.StoreException("stream broke"));
        await().atMost(Duration.ofSeconds(30)).until(() -> store.openWatches() == 1);
        store.create(key("b"), pod("b"));

        await().atMost(Duration.ofSeconds(30)).until(() -> clientEvents.size() == 1);
        assertThat(clientEvents.get(0).key()).isEqualTo(key("b"));
        assertThat(clientEnds).isEmpty();
    }

    @Test
    void aStoreWithoutQuorumEndsClientWatchesRefusesNewOnesAndResumesWithoutLosingAChange() {
        store.create(key("a"), pod("a"));
        open();
        List<CacheEvent> clientEvents = new CopyOnWriteArrayList<>();
        List<ApiException> clientExpired = new CopyOnWriteArrayList<>();
        AtomicInteger clientEnded = new AtomicInteger();
        List<CacheEvent> followed = new CopyOnWriteArrayList<>();
        long before = cache.revision();
        cache.subscribe(before, clientEvents::add, clientExpired::add, clientEnded::incrementAndGet);
        cache.subscribe(before, followed::add);

        store.unavailable(true);
        store.fail(new StoreUnavailableException("etcd lost its leader (no quorum)", null));

        assertThat(clientEnded).hasValue(1);
        assertThat(cache.following()).isFalse();
        assertThatThrownBy(() -> cache.subscribe(before, e -> {}, e -> {}, () -> {}))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(429);
                    assertThat(e.getMessage()).isEqualTo("storage is (re)initializing");
                });
        // written while the cache has no store watch: it must arrive once it follows again
        store.create(key("b"), pod("b"));
        store.unavailable(false);

        await().atMost(Duration.ofSeconds(30)).until(() -> cache.following() && cache.get(PODS, key("b")) != null);
        List<CacheEvent> resumed = new CopyOnWriteArrayList<>();
        cache.subscribe(before, resumed::add, e -> {}, () -> {}); // no 410: nothing was relisted
        assertThat(resumed).extracting(CacheEvent::key).containsExactly(key("b"));
        assertThat(followed).extracting(CacheEvent::key).containsExactly(key("b"));
        assertThat(clientEvents).isEmpty();
        assertThat(clientExpired).isEmpty();
        assertThat(clientEnded).hasValue(1);
        assertThat(store.openWatches()).isEqualTo(1);
    }
}

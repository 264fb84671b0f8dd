package io.everynode.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.etcd.EtcdCluster;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EtcdMigration} from a SQLite store into a one-member etcd: values byte for byte, deleted
 * keys left behind, etcd's revision raised above the SQLite store's and compacted there, and a
 * target that already holds objects refused untouched.
 */
class EtcdMigrationIT {
    @TempDir
    Path dir;

    @Test
    void everyLiveObjectIsCopiedAboveTheSqliteRevisionAndOlderRevisionsAreCompacted() throws Exception {
        EtcdCluster.assumeAvailable();
        Path data = dir.resolve("data");
        long sqliteRevision;
        try (Store sqlite =
                Stores.open(StoreConfig.sqlite(data).withCompactInterval(Duration.ZERO), Clock.systemUTC())) {
            for (int i = 0; i < 30; i++) {
                sqlite.create("/registry/configmaps/default/cm-" + i, bytes("{\"uid\":\"uid-" + i + "\"}"));
            }
            KeyValue updated = sqlite.get("/registry/configmaps/default/cm-1").orElseThrow();
            sqlite.update(updated.key(), bytes("{\"uid\":\"uid-1\",\"v\":2}"), updated.modRevision());
            sqlite.delete("/registry/configmaps/default/cm-2", 0);
            sqlite.create("/elsewhere/not-an-object", bytes("x"));
            sqliteRevision = sqlite.currentRevision();
        }

        try (EtcdCluster etcd = EtcdCluster.start(dir.resolve("etcd"), 1)) {
            EtcdConfig target = EtcdConfig.of(etcd.clientUrls());
            List<Long> progress = new CopyOnWriteArrayList<>();
            EtcdMigration.Result result = EtcdMigration.migrate(data, target, progress::add);

            assertThat(result.keys()).isEqualTo(29);
            assertThat(result.sqliteRevision()).isEqualTo(sqliteRevision);
            assertThat(result.etcdRevision()).isGreaterThan(sqliteRevision);
            assertThat(progress).isNotEmpty();
            try (Store migrated =
                    Stores.open(StoreConfig.etcd(target).withCompactInterval(Duration.ZERO), Clock.systemUTC())) {
                ListResult list = migrated.list("/registry/", 0);
                assertThat(list.items()).hasSize(29);
                assertThat(list.items())
                        .allSatisfy(kv -> assertThat(kv.modRevision()).isGreaterThan(sqliteRevision));
                assertThat(text(migrated.get("/registry/configmaps/default/cm-1")
                                .orElseThrow()))
                        .isEqualTo("{\"uid\":\"uid-1\",\"v\":2}");
                assertThat(text(migrated.get("/registry/configmaps/default/cm-7")
                                .orElseThrow()))
                        .isEqualTo("{\"uid\":\"uid-7\"}");
                assertThat(migrated.get("/registry/configmaps/default/cm-2")).isEmpty();
                assertThat(migrated.get("/elsewhere/not-an-object")).isEmpty();
                assertThat(migrated.get(EtcdRevisions.SCRATCH_KEY)).isEmpty();
                // A client resuming from a SQLite-era resourceVersion is told to relist.
                assertThat(migrated.compactRevision()).isEqualTo(result.etcdRevision());
                assertThatThrownBy(() -> migrated.watch("/registry/", sqliteRevision, event -> {}))
                        .isInstanceOf(CompactedException.class);
                List<StoreEvent> events = new CopyOnWriteArrayList<>();
                Watch watch = migrated.watch("/registry/", list.revision(), events::add);
                try {
                    KeyValue next = migrated.create("/registry/configmaps/default/after", bytes("{}"));
                    assertThat(next.modRevision()).isGreaterThan(result.etcdRevision());
                    await().atMost(Duration.ofSeconds(30))
                            .untilAsserted(() -> assertThat(events)
                                    .extracting(StoreEvent::key)
                                    .containsExactly("/registry/configmaps/default/after"));
                } finally {
                    watch.close();
                }
            }
        }
    }

    @Test
    void aTargetThatAlreadyHoldsObjectsIsRefusedAndLeftAsItWas() throws Exception {
        EtcdCluster.assumeAvailable();
        Path data = dir.resolve("data");
        try (Store sqlite =
                Stores.open(StoreConfig.sqlite(data).withCompactInterval(Duration.ZERO), Clock.systemUTC())) {
            sqlite.create("/registry/namespaces/new", bytes("{\"uid\":\"new\"}"));
        }
        try (EtcdCluster etcd = EtcdCluster.start(dir.resolve("etcd"), 1)) {
            EtcdConfig target = EtcdConfig.of(etcd.clientUrls());
            long before;
            try (Store existing =
                    Stores.open(StoreConfig.etcd(target).withCompactInterval(Duration.ZERO), Clock.systemUTC())) {
                existing.create("/registry/namespaces/old", bytes("{\"uid\":\"old\"}"));
                before = existing.currentRevision();
            }

            assertThatThrownBy(() -> EtcdMigration.migrate(data, target, r -> {}))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("already holds 1 keys under /registry/")
                    .hasMessageContaining("migrate into an empty etcd");

            try (Store existing =
                    Stores.open(StoreConfig.etcd(target).withCompactInterval(Duration.ZERO), Clock.systemUTC())) {
                assertThat(existing.currentRevision()).isEqualTo(before);
                assertThat(existing.get("/registry/namespaces/new")).isEmpty();
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private static String text(KeyValue kv) {
        return new String(kv.value(), UTF_8);
    }
}

package io.everynode.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackupTest {
    private static final long BUMP = 1_000_000;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<Store> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Store::close);
    }

    private Store open(Path dataDir) {
        Store s = Stores.open(StoreConfig.sqlite(dataDir).withCompactInterval(Duration.ZERO), clock);
        opened.add(s);
        return s;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    /** Key, revisions and value as text: KeyValue's byte array compares by identity. */
    private static List<String> described(List<KeyValue> items) {
        return items.stream()
                .map(kv -> kv.key() + "@" + kv.createRevision() + "/" + kv.modRevision() + "="
                        + new String(kv.value(), UTF_8))
                .toList();
    }

    @Test
    void aBackupTakenWhileWritersWriteIsTheStoreAtOneRevision() throws Exception {
        Store live = open(dir.resolve("live"));
        for (int i = 0; i < 50; i++) {
            live.create("/registry/pods/default/p" + i, bytes("v0"));
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int n = 1; !stop.get(); n++) {
                live.update("/registry/pods/default/p" + (n % 50), bytes("v" + n), 0);
                if (n % 7 == 0) {
                    live.create("/registry/pods/default/extra" + n, bytes("x"));
                }
            }
        });
        writer.start();
        SqliteBackup.Snapshot backup;
        try {
            backup = SqliteBackup.backup(dir.resolve("live"), dir.resolve("backup.db"));
        } finally {
            stop.set(true);
            writer.join();
        }

        assertThat(backup.revision()).isGreaterThanOrEqualTo(50).isLessThanOrEqualTo(live.currentRevision());
        SqliteBackup.Snapshot restored = SqliteBackup.restore(dir.resolve("backup.db"), dir.resolve("restored"), 0);
        Store copy = open(dir.resolve("restored"));
        assertThat(described(copy.list("/registry/", 0).items()))
                .isEqualTo(described(live.list("/registry/", backup.revision()).items()));
        assertThat(restored.keys()).isEqualTo(copy.list("/registry/", 0).items().size());
        assertThat(dir.resolve("backup.db.partial")).doesNotExist();
        assertThat(dir.resolve("backup.db-wal")).doesNotExist();
    }

    @Test
    void aRestoredStoreKeepsEveryValueAndRevisionAndGoesOnAboveTheBump() {
        Store live = open(dir.resolve("live"));
        KeyValue a = live.create("/registry/namespaces/a", bytes("{\"uid\":\"1\"}"));
        live.create("/registry/namespaces/b", bytes("b"));
        live.delete("/registry/namespaces/b", 0);
        SqliteBackup.backup(dir.resolve("live"), dir.resolve("backup.db"));
        live.create("/registry/namespaces/after-the-backup", bytes("lost"));

        SqliteBackup.Snapshot restored = SqliteBackup.restore(dir.resolve("backup.db"), dir.resolve("restored"), BUMP);

        assertThat(restored).isEqualTo(new SqliteBackup.Snapshot(3 + BUMP, 1));
        Store copy = open(dir.resolve("restored"));
        assertThat(described(copy.get("/registry/namespaces/a").stream().toList()))
                .isEqualTo(described(List.of(a)));
        assertThat(copy.get("/registry/namespaces/after-the-backup")).isEmpty();
        assertThat(copy.currentRevision()).isEqualTo(3 + BUMP);
        assertThat(copy.create("/registry/namespaces/c", bytes("c")).modRevision())
                .isEqualTo(4 + BUMP);
    }

    @Test
    void watchesAndListsFromBeforeTheRestoreAreGoneAndFromItsRevisionOnTheyWork() {
        Store live = open(dir.resolve("live"));
        live.create("/registry/namespaces/a", bytes("a"));
        live.create("/registry/namespaces/b", bytes("b"));
        SqliteBackup.backup(dir.resolve("live"), dir.resolve("backup.db"));
        long seenByAClient = live.create("/registry/namespaces/c", bytes("c")).modRevision();
        SqliteBackup.restore(dir.resolve("backup.db"), dir.resolve("restored"), BUMP);

        Store copy = open(dir.resolve("restored"));

        assertThat(copy.compactRevision()).isEqualTo(2 + BUMP);
        assertThatThrownBy(() -> copy.watch("/registry/", seenByAClient, new RecordingListener()))
                .isInstanceOf(CompactedException.class);
        assertThatThrownBy(() -> copy.list("/registry/", 2)).isInstanceOf(CompactedException.class);
        ListResult relist = copy.list("/registry/", 0);
        RecordingListener resumed = new RecordingListener();
        copy.watch("/registry/", relist.revision(), resumed);
        copy.create("/registry/namespaces/d", bytes("d"));
        await().untilAsserted(() -> assertThat(resumed.revisions()).containsExactly(3 + BUMP));
    }

    @Test
    void restoreRefusesADataDirectoryThatHoldsAStoreAndWritesNothing() throws Exception {
        Store live = open(dir.resolve("live"));
        live.create("/k", bytes("1"));
        SqliteBackup.backup(dir.resolve("live"), dir.resolve("backup.db"));
        Path existing = dir.resolve("existing");
        Store other = open(existing);
        other.create("/mine", bytes("keep"));
        other.close();
        byte[] before = Files.readAllBytes(existing.resolve("everynode.db"));

        assertThatThrownBy(() -> SqliteBackup.restore(dir.resolve("backup.db"), existing, BUMP))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("already holds a store");
        assertThat(Files.readAllBytes(existing.resolve("everynode.db"))).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotABackupIsRefusedWithoutMakingAStore() throws Exception {
        Path notABackup = Files.writeString(dir.resolve("notes.txt"), "hello");

        assertThatThrownBy(() -> SqliteBackup.restore(notABackup, dir.resolve("restored"), BUMP))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("not an everynode store");
        assertThat(dir.resolve("restored").resolve("everynode.db")).doesNotExist();
    }

    @Test
    void backingUpADirectoryWithoutAStoreSaysSo() {
        assertThatThrownBy(() -> SqliteBackup.backup(dir.resolve("empty"), dir.resolve("backup.db")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("no store in");
        assertThat(dir.resolve("backup.db")).doesNotExist();
    }
}

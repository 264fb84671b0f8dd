package io.everynode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {

    @TempDir
    Path tempDir;

    private int stores;

    @Override
    protected StoreConfig config() {
        return StoreConfig.sqlite(tempDir.resolve("store-" + stores++));
    }

    private StoreConfig at(Path dir) {
        return StoreConfig.sqlite(dir).withCompactInterval(Duration.ZERO);
    }

    @Test
    void anEmptyStoreIsAtRevisionZero() {
        assertThat(store.currentRevision()).isZero();
        assertThat(store.compactRevision()).isZero();
    }

    @Test
    void theLogLivesInEverynodeDbInTheDataDirectory() {
        Path dir = tempDir.resolve("named");
        open(at(dir)).create("/k", bytes("1"));

        assertThat(dir.resolve("everynode.db")).exists();
    }

    @Test
    void aDataDirectoryInUseByAnotherStoreCannotBeOpened() {
        Path dir = tempDir.resolve("busy");
        Store first = open(at(dir));

        assertThatThrownBy(() -> open(at(dir)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("in use");
        first.close();
        assertThat(open(at(dir)).create("/k", bytes("1")).modRevision()).isEqualTo(1);
    }

    @Test
    void reopeningKeepsEveryKeyValueAndRevisionAndTheNextWriteGoesHigher() {
        Path dir = tempDir.resolve("reopen");
        Store first = open(at(dir));
        first.create("/r/a", bytes("a1")); // 1
        first.create("/r/b", bytes("b1")); // 2
        first.update("/r/a", bytes("a2"), 0); // 3
        first.create("/r/c", bytes("c1")); // 4
        first.delete("/r/c", 0); // 5
        List<KeyValue> before = first.list("/r/", 0).items();
        first.close();

        Store second = open(at(dir));

        assertThat(second.currentRevision()).isEqualTo(5);
        List<KeyValue> after = second.list("/r/", 0).items();
        assertThat(after)
                .extracting(KeyValue::key, KeyValue::createRevision, KeyValue::modRevision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/r/a", 1L, 3L),
                        org.assertj.core.groups.Tuple.tuple("/r/b", 2L, 2L));
        assertThat(after).extracting(StoreContractTest::text).containsExactly("a2", "b1");
        assertThat(before).extracting(KeyValue::modRevision).containsExactly(3L, 2L);
        assertThat(second.list("/r/", 4).items()).extracting(KeyValue::key).containsExactly("/r/a", "/r/b", "/r/c");
        assertThat(second.create("/r/d", bytes("d1")).modRevision()).isEqualTo(6);
    }

    @Test
    void revisionsNeverGoBackwardsAfterCompactionRemovedTheNewestRows() {
        Path dir = tempDir.resolve("compacted");
        // No retention at all, so compaction may remove everything, the newest tombstone included.
        StoreConfig none = new StoreConfig(dir, Duration.ZERO, 0, Duration.ZERO);
        Store first = open(none);
        first.create("/k", bytes("1")); // 1
        first.update("/k", bytes("2"), 0); // 2
        first.delete("/k", 0); // 3
        assertThat(first.compact()).isEqualTo(3);
        first.close();

        Store second = open(none);

        assertThat(second.currentRevision()).isEqualTo(3);
        assertThat(second.compactRevision()).isEqualTo(3);
        assertThat(second.list("", 0).items()).isEmpty();
        assertThat(second.create("/k", bytes("3")).modRevision()).isEqualTo(4);
    }
}

package io.everynode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    void theLogLivesInEverynodeDbInTheDataDirectory() {
        Path dir = tempDir.resolve("named");
        open(at(dir)).create("/k", bytes("1"));

        assertThat(dir.resolve("everynode.db")).exists();
    }

    @Test
    void aDataDirectoryInUseByAnotherStoreCannotBeOpened() {
        Path dir = tempDir.resolve("busy");
        Store first = open(at(dir));

        assertThatThrownBy(() -> open(at(dir))).isInstanceOf(StoreException.class).hasMessageContaining("in use");
        first.close();
        assertThat(open(at(dir)).create("/k", bytes("1")).modRevision()).isEqualTo(1);
    }

    @Test
    void reopeningKeepsEveryKeyValueAndRevisionAndTheNextWriteGoesHigher() {
        Path dir = tempDir.resolve("reopen");
        Store first = open(at(dir));
        first.create("/r/a", bytes("a1"));                 // 1
        first.create("/r/b", bytes("b1"));                 // 2
        first.update("/r/a", bytes("a2"), 0);              // 3
        first.create("/r/c", bytes("c1"));                 // 4
        first.delete("/r/c", 0);                           // 5
        List<KeyValue> before = first.list("/r/", 0).items();
        first.close();

        Store second = open(at(dir));

        assertThat(second.currentRevision()).isEqualTo(5);
        List<KeyValue> after = second.list("/r/", 0).items();
        assertThat(after).extracting(KeyValue::key, KeyValue::createRevision, KeyValue::modRevision)
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
        first.create("/k", bytes("1"));                    // 1
        first.update("/k", bytes("2"), 0);                 // 2
        first.delete("/k", 0);                             // 3
        assertThat(first.compact()).isEqualTo(3);
        first.close();

        Store second = open(none);

        assertThat(second.currentRevision()).isEqualTo(3);
        assertThat(second.compactRevision()).isEqualTo(3);
        assertThat(second.list("", 0).items()).isEmpty();
        assertThat(second.create("/k", bytes("3")).modRevision()).isEqualTo(4);
    }

    @Test
    void everyWriteAcknowledgedBeforeAKillMinus9SurvivesIt() throws Exception {
        Path dir = tempDir.resolve("crash");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriterMain.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Map<String, Long> acked = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < 300 && (line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("ack")) {
                    acked.put(parts[1], Long.parseLong(parts[2]));
                }
            }
            // SIGKILL on Linux, mid-burst. It also closes our end of the pipe, so the acks
            // counted are exactly those read before the kill.
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acked).hasSizeGreaterThanOrEqualTo(300);
        assertThat(Files.exists(dir.resolve("everynode.db"))).isTrue();

        Store reopened = open(at(dir));

        long highest = 0;
        for (Map.Entry<String, Long> ack : acked.entrySet()) {
            KeyValue kv = reopened.get(ack.getKey()).orElse(null);
            assertThat(kv).as("acknowledged key %s", ack.getKey()).isNotNull();
            assertThat(kv.modRevision()).as("revision of %s", ack.getKey()).isEqualTo(ack.getValue());
            highest = Math.max(highest, ack.getValue());
        }
        assertThat(reopened.create("/after-crash", bytes("1")).modRevision()).isGreaterThan(highest);
    }
}

package io.everynode.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store's durability against a real {@code kill -9}: a child JVM ({@link CrashWriterMain})
 * writes until it is killed, and every write it acknowledged is there on reopening. An
 * integration test (Failsafe) because it starts a JVM.
 */
class SqliteCrashIT {

    @TempDir
    Path tempDir;

    @Test
    void everyWriteAcknowledgedBeforeAKillMinus9SurvivesIt() throws Exception {
        Path dir = tempDir.resolve("crash");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriterMain.class.getName(),
                        dir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Map<String, Long> acked = new LinkedHashMap<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
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

        try (Store reopened =
                Stores.open(StoreConfig.sqlite(dir).withCompactInterval(Duration.ZERO), Clock.systemUTC())) {

            long highest = 0;
            for (Map.Entry<String, Long> ack : acked.entrySet()) {
                KeyValue kv = reopened.get(ack.getKey()).orElse(null);
                assertThat(kv).as("acknowledged key %s", ack.getKey()).isNotNull();
                assertThat(kv.modRevision()).as("revision of %s", ack.getKey()).isEqualTo(ack.getValue());
                highest = Math.max(highest, ack.getValue());
            }
            assertThat(reopened.create("/after-crash", StoreContractTest.bytes("1"))
                            .modRevision())
                    .isGreaterThan(highest);
        }
    }
}

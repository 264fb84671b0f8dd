package io.everynode.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench watch} end to end at CI size: a real `everynode server` child process, raw
 * watches half with bookmarks, writers; every event is counted and the server's own threads and
 * memory are read. No figure is judged beyond completeness.
 */
class WatchBenchmarkIT {
    @TempDir
    Path dir;

    @Test
    void fortyWatchesOnAChildServerReceiveEveryWriteAndTheServersUsageIsReported() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        WatchBenchmark.Result r = WatchBenchmark.run(
                new WatchBenchmark.Options(
                        40,
                        WatchBenchmark.Bookmarks.HALF,
                        2,
                        10,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(60),
                        List.of(),
                        lines::add),
                dir);

        assertThat(r.complete()).as("every event delivered: %s", r).isTrue();
        assertThat(r.writes()).isPositive();
        assertThat(r.expected()).isEqualTo(r.writes() * 40);
        assertThat(r.delivered()).isEqualTo(r.expected());
        assertThat(r.open().threads()).isPositive();
        assertThat(r.open().rssMiB()).isPositive();
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("server started at http://127.0.0.1:"))
                .anySatisfy(l -> assertThat(l).isEqualTo("40 watches open"));
        assertThat(r.toString())
                .contains("events delivered: " + r.expected() + " of " + r.expected() + " (100.00%)", "p99");
    }
}

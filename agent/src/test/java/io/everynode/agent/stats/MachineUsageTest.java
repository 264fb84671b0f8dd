package io.everynode.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.metrics.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineUsageTest {
    @TempDir
    Path proc;

    @Test
    void theMachineIsBusyForEveryTickButIdleAndIowaitAndUsesTotalLessFreeLessInactiveFile() throws Exception {
        // user nice system idle iowait irq softirq steal guest guest_nice
        Files.writeString(proc.resolve("stat"), "cpu  100 20 30 9999 50 4 6 40 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n");
        Files.writeString(proc.resolve("meminfo"), """
                MemTotal:        8000000 kB
                MemFree:         3000000 kB
                MemAvailable:    6000000 kB
                Inactive(file):  1000000 kB
                """);

        assertThat(new MachineUsage(proc).read(List.of())).contains(new Usage(200 * 10_000_000L, 4_000_000L * 1024));
    }

    @Test
    void withoutProcThereIsNoReading() {
        assertThat(new MachineUsage(proc.resolve("none")).read(List.of())).isEmpty();
    }
}

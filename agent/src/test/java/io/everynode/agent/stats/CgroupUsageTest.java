package io.everynode.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.metrics.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupUsageTest {
    @TempDir
    Path dir;

    @Test
    void aV2GroupReportsMicrosecondsAsNanosAndCurrentMinusInactiveFileAsItsWorkingSet() throws Exception {
        Files.writeString(dir.resolve("cpu.stat"), "usage_usec 2500000\nuser_usec 2000000\nsystem_usec 500000\n");
        Files.writeString(dir.resolve("memory.current"), "104857600\n");
        Files.writeString(dir.resolve("memory.stat"), "anon 80000000\nfile 24857600\ninactive_file 4857600\n");

        assertThat(CgroupUsage.v2(dir)).contains(new Usage(2_500_000_000L, 100_000_000L));
    }

    @Test
    void aV1GroupReadsCpuacctAndTheTotalInactiveFile() throws Exception {
        Path cpu = Files.createDirectories(dir.resolve("cpu"));
        Path mem = Files.createDirectories(dir.resolve("memory"));
        Files.writeString(cpu.resolve("cpuacct.usage"), "7000000000\n");
        Files.writeString(mem.resolve("memory.usage_in_bytes"), "50000000\n");
        Files.writeString(mem.resolve("memory.stat"), "inactive_file 1\ntotal_inactive_file 10000000\n");

        assertThat(CgroupUsage.v1(cpu, mem)).contains(new Usage(7_000_000_000L, 40_000_000L));
    }

    @Test
    void aGroupThatIsGoneHasNoReading() {
        assertThat(CgroupUsage.v2(dir.resolve("gone"))).isEmpty();
    }

    @Test
    void inactiveFilePagesAboveUsageLeaveAWorkingSetOfZero() {
        assertThat(CgroupUsage.workingSet(100, 200)).isZero();
    }
}

package io.everynode.agent.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineMemoryTest {
    @TempDir
    Path root;

    private Path proc() {
        return root.resolve("proc");
    }

    private Path cgroup() {
        return root.resolve("cgroup");
    }

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void meminfo() throws IOException {
        write(
                proc().resolve("meminfo"),
                "MemTotal:        8000000 kB\nMemFree:          100000 kB\nMemAvailable:     2000000 kB\n");
    }

    @Test
    void outsideALimitedCgroupAvailableIsMemAvailable() throws IOException {
        meminfo();
        write(proc().resolve("self/cgroup"), "0::/user.slice\n");
        write(cgroup().resolve("user.slice/memory.max"), "max\n");
        write(cgroup().resolve("user.slice/memory.current"), "123\n");
        assertThat(new MachineMemory(proc(), cgroup()).observe(List.of()))
                .contains(new MemoryStats(8_000_000L * 1024, 2_000_000L * 1024));
    }

    @Test
    void inALimitedV2CgroupAvailableIsTheLimitMinusTheWorkingSet() throws IOException {
        meminfo();
        write(proc().resolve("self/cgroup"), "0::/agents/n1\n");
        write(cgroup().resolve("agents/n1/memory.max"), "1073741824\n");
        write(cgroup().resolve("agents/n1/memory.current"), "900000000\n");
        write(cgroup().resolve("agents/n1/memory.stat"), "anon 800000000\ninactive_file 100000000\n");
        assertThat(new MachineMemory(proc(), cgroup()).observe(List.of()))
                .contains(new MemoryStats(1073741824L, 1073741824L - 800_000_000L));
    }

    @Test
    void inALimitedV1CgroupAvailableIsTheLimitMinusTheWorkingSet() throws IOException {
        meminfo();
        write(proc().resolve("self/cgroup"), "12:cpu,cpuacct:/x\n4:memory:/agents/n1\n1:name=systemd:/x\n");
        write(cgroup().resolve("memory/agents/n1/memory.limit_in_bytes"), "536870912\n");
        write(cgroup().resolve("memory/agents/n1/memory.usage_in_bytes"), "600000000\n");
        write(cgroup().resolve("memory/agents/n1/memory.stat"), "cache 1\ntotal_inactive_file 1000000\n");
        // Usage above the limit (page cache) leaves nothing available: never a negative figure.
        assertThat(new MachineMemory(proc(), cgroup()).observe(List.of())).contains(new MemoryStats(536870912L, 0));
    }

    @Test
    void aV1CgroupWithoutALimitFallsBackToMeminfo() throws IOException {
        meminfo();
        write(proc().resolve("self/cgroup"), "4:memory:/\n");
        write(cgroup().resolve("memory/memory.limit_in_bytes"), "9223372036854771712\n");
        write(cgroup().resolve("memory/memory.usage_in_bytes"), "600000000\n");
        assertThat(new MachineMemory(proc(), cgroup())
                        .observe(List.of())
                        .orElseThrow()
                        .capacityBytes())
                .isEqualTo(8_000_000L * 1024);
    }

    @Test
    void nothingReadableIsNoObservation() {
        assertThat(new MachineMemory(proc(), cgroup()).observe(List.of())).isEmpty();
    }

    @Test
    void thisMachineGivesAnObservationWhereProcMeminfoExists() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isReadable(Path.of("/proc/meminfo")), "no /proc/meminfo on this machine");
        MemoryStats s = MemorySignal.machine().observe(List.of()).orElseThrow();
        assertThat(s.capacityBytes()).isPositive();
        assertThat(s.availableBytes()).isBetween(0L, s.capacityBytes());
    }
}

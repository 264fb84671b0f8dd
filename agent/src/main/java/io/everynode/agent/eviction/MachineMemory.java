package io.everynode.agent.eviction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The machine's {@code memory.available}. When the agent's own memory cgroup (v2: the unified
 * hierarchy; v1: the {@code memory} controller) has a limit below the machine's memory, available
 * is that limit minus the cgroup's working set (usage minus inactive file pages, as the kubelet
 * counts it); otherwise it is {@code MemAvailable} of {@code /proc/meminfo} against
 * {@code MemTotal}. The roots are constructor seams so tests read a fake tree.
 */
final class MachineMemory implements MemorySignal {
    private final Path proc;
    private final Path cgroupRoot;

    MachineMemory(Path proc, Path cgroupRoot) {
        this.proc = proc;
        this.cgroupRoot = cgroupRoot;
    }

    @Override
    public Optional<MemoryStats> observe(List<ActivePod> active) {
        Optional<long[]> meminfo = meminfo();
        Optional<MemoryStats> cgroup = cgroup(meminfo.map(m -> m[0]).orElse(Long.MAX_VALUE));
        if (cgroup.isPresent()) return cgroup;
        return meminfo.map(m -> new MemoryStats(m[0], m[1]));
    }

    /** MemTotal and MemAvailable in bytes. */
    Optional<long[]> meminfo() {
        List<String> lines = read(proc.resolve("meminfo"));
        long total = -1;
        long available = -1;
        for (String l : lines) {
            if (l.startsWith("MemTotal:")) total = kib(l);
            if (l.startsWith("MemAvailable:")) available = kib(l);
        }
        return total < 0 || available < 0 ? Optional.empty() : Optional.of(new long[] {total, available});
    }

    /** The agent's cgroup when it has a memory limit below {@code machineBytes}. */
    Optional<MemoryStats> cgroup(long machineBytes) {
        for (String line : read(proc.resolve("self/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f.length < 3) continue;
            String rel = f[2].startsWith("/") ? f[2].substring(1) : f[2];
            if (f[0].equals("0") && f[1].isEmpty()) {
                Path dir = cgroupRoot.resolve(rel);
                if (!Files.isRegularFile(dir.resolve("memory.max"))) continue;
                Optional<MemoryStats> s = limited(
                        single(dir.resolve("memory.max")),
                        single(dir.resolve("memory.current")),
                        stat(dir.resolve("memory.stat"), "inactive_file"),
                        machineBytes);
                if (s.isPresent()) return s;
            } else if (List.of(f[1].split(",")).contains("memory")) {
                Path dir = cgroupRoot.resolve("memory").resolve(rel);
                Optional<MemoryStats> s = limited(
                        single(dir.resolve("memory.limit_in_bytes")),
                        single(dir.resolve("memory.usage_in_bytes")),
                        stat(dir.resolve("memory.stat"), "total_inactive_file"),
                        machineBytes);
                if (s.isPresent()) return s;
            }
        }
        return Optional.empty();
    }

    private static Optional<MemoryStats> limited(
            OptionalLong limit, OptionalLong usage, OptionalLong inactiveFile, long machineBytes) {
        if (limit.isEmpty() || usage.isEmpty() || limit.getAsLong() >= machineBytes) return Optional.empty();
        long workingSet = Math.max(0, usage.getAsLong() - inactiveFile.orElse(0));
        return Optional.of(new MemoryStats(limit.getAsLong(), limit.getAsLong() - workingSet));
    }

    /** A file holding one number ("max", as cgroup v2 writes no limit, is empty). */
    private static OptionalLong single(Path file) {
        List<String> lines = read(file);
        if (lines.isEmpty()) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong stat(Path file, String key) {
        for (String l : read(file)) {
            String[] f = l.strip().split("\\s+");
            if (f.length == 2 && f[0].equals(key)) {
                try {
                    return OptionalLong.of(Long.parseLong(f[1]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static long kib(String line) {
        String[] f = line.split("\\s+");
        try {
            return Long.parseLong(f[1]) * 1024;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}

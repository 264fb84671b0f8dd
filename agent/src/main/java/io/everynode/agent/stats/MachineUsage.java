package io.everynode.agent.stats;

import io.everynode.api.metrics.PodUsage;
import io.everynode.api.metrics.Usage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * This machine's usage, for a node whose containers are real: CPU from the first line of
 * {@code /proc/stat} (user, nice, system, irq, softirq and steal time; idle and iowait are not
 * use), memory as {@code MemTotal - MemFree - Inactive(file)} of {@code /proc/meminfo}, which is
 * the kubelet's node working set (the root cgroup's usage minus its inactive file pages) read
 * where every kernel has it. The {@code /proc} root is a constructor seam so tests read a fake.
 */
final class MachineUsage implements NodeUsageSource {
    private final Path proc;

    MachineUsage(Path proc) {
        this.proc = proc;
    }

    @Override
    public Optional<Usage> read(List<PodUsage> pods) {
        long cpu = cpuNanos(CgroupUsage.read(proc.resolve("stat")));
        long memory = workingSet(CgroupUsage.read(proc.resolve("meminfo")));
        if (cpu < 0 || memory < 0) return Optional.empty();
        return Optional.of(new Usage(cpu, memory));
    }

    /** The busy time of all CPUs from /proc/stat's {@code cpu} line, in nanoseconds; -1 when absent. */
    static long cpuNanos(List<String> stat) {
        for (String l : stat) {
            String[] f = l.strip().split("\\s+");
            if (!f[0].equals("cpu") || f.length < 8) continue;
            try {
                long busy = 0;
                // user nice system idle iowait irq softirq steal: skip idle (4) and iowait (5)
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) if (i < f.length) busy += Long.parseLong(f[i]);
                return busy * CgroupUsage.NANOS_PER_TICK;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    /** MemTotal - MemFree - Inactive(file) in bytes; -1 when a field is missing. */
    static long workingSet(List<String> meminfo) {
        long total = -1;
        long free = -1;
        long inactiveFile = 0;
        for (String l : meminfo) {
            if (l.startsWith("MemTotal:")) total = kib(l);
            else if (l.startsWith("MemFree:")) free = kib(l);
            else if (l.startsWith("Inactive(file):")) inactiveFile = Math.max(0, kib(l));
        }
        if (total < 0 || free < 0) return -1;
        return Math.max(0, total - free - inactiveFile);
    }

    private static long kib(String line) {
        String[] f = line.split("\\s+");
        try {
            return Long.parseLong(f[1]) * 1024;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}

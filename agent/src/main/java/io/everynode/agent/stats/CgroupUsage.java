package io.everynode.agent.stats;

import io.everynode.api.metrics.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A cgroup's usage read from its files, for any runtime that lays out a group per container (the
 * process runtime's {@code Cgroups}, runc's). cgroup v2: {@code cpu.stat} {@code usage_usec} and
 * {@code memory.current} minus {@code memory.stat} {@code inactive_file}; v1: {@code cpuacct.usage}
 * (nanoseconds) and {@code memory.usage_in_bytes} minus {@code total_inactive_file}, each in its
 * controller's directory. Pure reads: a file that is missing or does not parse makes the reading
 * empty, never an exception.
 */
public final class CgroupUsage {
    /** A clock tick of /proc (USER_HZ, 100 on every Linux architecture the JVM runs on) in nanoseconds. */
    public static final long NANOS_PER_TICK = 10_000_000L;

    private CgroupUsage() {}

    /** The usage of the v2 group at {@code dir}, or empty when its files cannot be read. */
    public static Optional<Usage> v2(Path dir) {
        OptionalLong usec = keyed(read(dir.resolve("cpu.stat")), "usage_usec");
        OptionalLong current = single(read(dir.resolve("memory.current")));
        if (usec.isEmpty() || current.isEmpty()) return Optional.empty();
        long inactive = keyed(read(dir.resolve("memory.stat")), "inactive_file").orElse(0);
        return Optional.of(new Usage(usec.getAsLong() * 1000, workingSet(current.getAsLong(), inactive)));
    }

    /**
     * The usage of a v1 group: {@code cpuacct} is the directory holding {@code cpuacct.usage}
     * (often the {@code cpu,cpuacct} controller's), {@code memory} the memory controller's.
     */
    public static Optional<Usage> v1(Path cpuacct, Path memory) {
        OptionalLong nanos = single(read(cpuacct.resolve("cpuacct.usage")));
        OptionalLong usage = single(read(memory.resolve("memory.usage_in_bytes")));
        if (nanos.isEmpty() || usage.isEmpty()) return Optional.empty();
        long inactive = keyed(read(memory.resolve("memory.stat")), "total_inactive_file")
                .orElse(0);
        return Optional.of(new Usage(nanos.getAsLong(), workingSet(usage.getAsLong(), inactive)));
    }

    /** Usage minus inactive file pages, never below zero (the kubelet's working set). */
    static long workingSet(long usage, long inactiveFile) {
        return Math.max(0, usage - inactiveFile);
    }

    /** The value of {@code key} in a flat-keyed file ({@code key value} per line). */
    static OptionalLong keyed(List<String> lines, String key) {
        for (String l : lines) {
            String[] f = l.strip().split("\\s+");
            if (f.length == 2 && f[0].equals(key)) return parse(f[1]);
        }
        return OptionalLong.empty();
    }

    /** A file holding one number. */
    static OptionalLong single(List<String> lines) {
        return lines.isEmpty() ? OptionalLong.empty() : parse(lines.get(0).strip());
    }

    private static OptionalLong parse(String s) {
        try {
            return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}

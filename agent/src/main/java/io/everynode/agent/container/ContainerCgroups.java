package io.everynode.agent.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where runc puts a container's cgroup and what the runtime reads of it. Each instance's group is
 * {@code everynode/<node>-<hash>/<pod uid>/<container>-<n>/ctr}: runc creates and removes
 * {@code ctr}; the parent is ours and outlives it, so how the instance ended can still be read
 * after runc deleted the container. On cgroup v2 the parent's {@code memory.events} counts the
 * OOM kills below it. On v1 the kernel counts an OOM kill only in the victim's own group, which
 * runc has removed by then; there the parent's {@code memory.max_usage_in_bytes} reaching the
 * limit, with an exit by SIGKILL the runtime did not send, is taken as the OOM kill.
 */
final class ContainerCgroups {
    private final Path mount;
    private final boolean v2;
    private final String node;

    /** @param node the node's directory name under {@code everynode/} (its name and a hash of its state directory) */
    ContainerCgroups(Path mount, String node) {
        this.mount = mount;
        this.node = node;
        this.v2 = Files.exists(mount.resolve("cgroup.controllers"));
    }

    /** The instance's parent group, relative to the cgroup mount. */
    String parent(String uid, String container, int instance) {
        return "/everynode/" + node + "/" + uid + "/" + container + "-" + instance;
    }

    /** The cgroupsPath runc gets. */
    String containerPath(String uid, String container, int instance) {
        return parent(uid, container, instance) + "/ctr";
    }

    /** Creates the parent group in the memory hierarchy, so it exists to be read after the instance ends. */
    void prepare(String uid, String container, int instance) {
        try {
            Files.createDirectories(memoryBase().resolve(rel(parent(uid, container, instance))));
        } catch (IOException | RuntimeException e) {
            // no memory cgroup to read: OOM kills cannot be told from other kills
        }
    }

    /** Whether the instance was killed by the OOM killer, as far as its parent group tells. */
    boolean oomKilled(String uid, String container, int instance, long limitBytes) {
        Path dir = memoryBase().resolve(rel(parent(uid, container, instance)));
        try {
            if (v2) {
                for (String line : Files.readAllLines(dir.resolve("memory.events"))) {
                    if (line.startsWith("oom_kill "))
                        return Long.parseLong(line.substring(9).trim()) > 0;
                }
                return false;
            }
            if (limitBytes <= 0) return false;
            long max = Long.parseLong(
                    Files.readString(dir.resolve("memory.max_usage_in_bytes")).trim());
            return max >= limitBytes - 4096;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The memory the instance uses now, or 0 when it cannot be read. */
    long memoryUsage(String uid, String container, int instance) {
        Path dir = memoryBase().resolve(rel(parent(uid, container, instance)));
        try {
            return Long.parseLong(Files.readString(dir.resolve(v2 ? "memory.current" : "memory.usage_in_bytes"))
                    .trim());
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The running instance's cumulative CPU and working set, read from runc's own group
     * ({@code ctr}, which holds every process of the container), or empty when it is gone or
     * unreadable. On v1 the CPU figure comes from whichever hierarchy carries {@code cpuacct}.
     */
    java.util.Optional<io.everynode.api.metrics.Usage> usage(String uid, String container, int instance) {
        String ctr = rel(containerPath(uid, container, instance));
        if (v2) return io.everynode.agent.stats.CgroupUsage.v2(mount.resolve(ctr));
        for (String cpu : List.of("cpuacct", "cpu,cpuacct", "cpuacct,cpu")) {
            Path dir = mount.resolve(cpu);
            if (Files.isDirectory(dir))
                return io.everynode.agent.stats.CgroupUsage.v1(
                        dir.resolve(ctr), memoryBase().resolve(ctr));
        }
        return java.util.Optional.empty();
    }

    /** Removes the pod's groups in every hierarchy (empty ones only; the kernel refuses others). */
    void removePod(String uid) {
        for (Path base : bases()) {
            Path dir = base.resolve("everynode").resolve(node).resolve(uid);
            if (!Files.isDirectory(dir)) continue;
            List<Path> dirs = new ArrayList<>();
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isDirectory).forEach(dirs::add);
            } catch (IOException | RuntimeException e) {
                continue;
            }
            dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
            for (Path d : dirs) d.toFile().delete();
        }
    }

    /** Removes the node's own group in every hierarchy when no pod is left in it (the runtime closes). */
    void removeNodeIfEmpty() {
        for (Path base : bases())
            base.resolve("everynode").resolve(node).toFile().delete();
    }

    private Path memoryBase() {
        return v2 ? mount : mount.resolve("memory");
    }

    private List<Path> bases() {
        if (v2) return List.of(mount);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(mount)) {
            s.filter(Files::isDirectory).filter(p -> !Files.isSymbolicLink(p)).forEach(out::add);
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    private static String rel(String p) {
        return p.startsWith("/") ? p.substring(1) : p;
    }
}

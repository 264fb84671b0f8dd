package io.everynode.agent.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Limits through cgroups, in a hierarchy of our own: {@code everynode/<node>-<hash>/<pod-uid>/<container>} (the hash of the node's state directory keeps clusters apart)
 * under the unified mount (v2, when {@code /sys/fs/cgroup/cgroup.controllers} exists) or under
 * each of the v1 controllers memory, cpu and pids. The wrapper joins a container's groups itself
 * (it writes its pid to each {@code cgroup.procs} file before it starts the command), so every
 * process of the container is counted and limited.
 *
 * <p>When the hierarchy cannot be created (no root, a read-only mount, no cgroups) the runtime
 * runs without limits and {@link #enforced()} is false, with {@link #why()} saying why.
 */
final class Cgroups {
    static final String CPU_PERIOD_US = "100000";
    /** How long a group that refuses rmdir (busy) is tried again. */
    static final java.time.Duration RMDIR_WAIT = java.time.Duration.ofMillis(500);

    private final Path mount;
    private final boolean v2;
    private final String node;
    private final boolean enforced;
    private final String why;
    private final ClockWait wait;

    /** @param wait how a refused rmdir waits before it is tried again */
    Cgroups(Path mount, String node, ClockWait wait) {
        this.mount = mount;
        this.wait = wait;
        this.node = node;
        this.v2 = Files.exists(mount.resolve("cgroup.controllers"));
        String problem = null;
        try {
            for (Path base : bases()) {
                Path p = base.resolve(nodeDir());
                Files.createDirectories(p);
                if (!Files.isWritable(p)) problem = p + " is not writable";
            }
            if (v2) enableControllers(List.of(mount, mount.resolve("everynode"), mount.resolve(nodeDir())));
        } catch (IOException | RuntimeException e) {
            problem = "cannot create the cgroup hierarchy under " + mount + ": " + e.getMessage();
        }
        this.enforced = problem == null;
        this.why = problem == null
                ? "memory, cpu and pids limits are enforced through cgroup " + (v2 ? "v2" : "v1")
                : problem;
    }

    boolean enforced() {
        return enforced;
    }

    String why() {
        return why;
    }

    private Path nodeDir() {
        return Path.of("everynode", node);
    }

    private List<Path> bases() {
        return v2 ? List.of(mount) : List.of(mount.resolve("memory"), mount.resolve("cpu"), mount.resolve("pids"));
    }

    private List<Path> dirs(String uid, String container) {
        List<Path> out = new ArrayList<>();
        for (Path b : bases()) out.add(b.resolve(nodeDir()).resolve(uid).resolve(container));
        return out;
    }

    /**
     * Creates the container's groups with its limits (memory in bytes, cpu in millicores; 0 means
     * none) and answers the {@code cgroup.procs} files the wrapper joins. Empty when not enforced.
     */
    List<Path> prepare(String uid, String container, long memoryBytes, long cpuMillis, long pidsMax)
            throws IOException {
        if (!enforced) return List.of();
        List<Path> procs = new ArrayList<>();
        if (v2) {
            Path pod = mount.resolve(nodeDir()).resolve(uid);
            Files.createDirectories(pod);
            enableControllers(List.of(pod));
            Path d = pod.resolve(container);
            Files.createDirectories(d);
            write(d.resolve("memory.max"), memoryBytes > 0 ? Long.toString(memoryBytes) : "max");
            write(d.resolve("memory.swap.max"), memoryBytes > 0 ? "0" : "max");
            write(d.resolve("cpu.max"), (cpuMillis > 0 ? Long.toString(cpuMillis * 100) : "max") + " " + CPU_PERIOD_US);
            write(d.resolve("pids.max"), pidsMax > 0 ? Long.toString(pidsMax) : "max");
            procs.add(d.resolve("cgroup.procs"));
            return procs;
        }
        List<Path> ds = dirs(uid, container);
        for (Path d : ds) Files.createDirectories(d);
        Path mem = ds.get(0);
        write(mem.resolve("memory.limit_in_bytes"), memoryBytes > 0 ? Long.toString(memoryBytes) : "-1");
        // Without swap accounting the limit alone holds; with it, forbid swapping past the limit too.
        Path memsw = mem.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(memsw)) {
            try {
                write(memsw, memoryBytes > 0 ? Long.toString(memoryBytes) : "-1");
            } catch (IOException ignored) {
                // swap accounting off: the memory limit still applies
            }
        }
        Path cpu = ds.get(1);
        write(cpu.resolve("cpu.cfs_period_us"), CPU_PERIOD_US);
        write(cpu.resolve("cpu.cfs_quota_us"), cpuMillis > 0 ? Long.toString(cpuMillis * 100) : "-1");
        write(ds.get(2).resolve("pids.max"), pidsMax > 0 ? Long.toString(pidsMax) : "max");
        for (Path d : ds) procs.add(d.resolve("cgroup.procs"));
        return procs;
    }

    /** How many times the kernel's OOM killer killed a process of the container's group so far. */
    long oomKills(String uid, String container) {
        if (!enforced) return 0;
        Path d = dirs(uid, container).get(0);
        String file = v2 ? "memory.events" : "memory.oom_control";
        try {
            for (String line : Files.readAllLines(d.resolve(file))) {
                if (line.startsWith("oom_kill "))
                    return Long.parseLong(line.substring(8).trim());
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The container group's memory use in bytes, or -1 when unknown. */
    long memoryUsage(String uid, String container) {
        if (!enforced) return -1;
        Path d = dirs(uid, container).get(0);
        try {
            return Long.parseLong(Files.readString(d.resolve(v2 ? "memory.current" : "memory.usage_in_bytes"))
                    .trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The container group's cumulative CPU and working set, or empty when not enforced or unreadable. */
    java.util.Optional<io.everynode.api.metrics.Usage> usage(String uid, String container) {
        if (!enforced) return java.util.Optional.empty();
        List<Path> ds = dirs(uid, container);
        return v2
                ? io.everynode.agent.stats.CgroupUsage.v2(ds.get(0))
                : io.everynode.agent.stats.CgroupUsage.v1(ds.get(1), ds.get(0));
    }

    /** The pids of every process in the container's group (all controllers hold the same set). */
    List<Long> pids(String uid, String container) {
        List<Long> out = new ArrayList<>();
        if (!enforced) return out;
        try {
            for (String l : Files.readAllLines(dirs(uid, container).get(0).resolve("cgroup.procs"))) {
                if (!l.isBlank()) out.add(Long.parseLong(l.trim()));
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        return out;
    }

    /** The pids of every process in any of the pod's container groups. */
    List<Long> podPids(String uid) {
        List<Long> out = new ArrayList<>();
        if (!enforced) return out;
        Path pod = bases().get(0).resolve(nodeDir()).resolve(uid);
        try (var s = Files.list(pod)) {
            for (Path c : s.filter(Files::isDirectory).toList())
                out.addAll(pids(uid, c.getFileName().toString()));
        } catch (IOException e) {
            // no groups
        }
        return out;
    }

    /** Removes the pod's groups; a group that still holds a process stays (rmdir refuses it). */
    void removePod(String uid) {
        if (!enforced) return;
        for (Path b : bases()) {
            Path pod = b.resolve(nodeDir()).resolve(uid);
            try (var s = Files.list(pod)) {
                for (Path c : s.filter(Files::isDirectory).toList()) rmdir(c);
            } catch (IOException e) {
                // not there
            }
            rmdir(pod);
        }
    }

    /** Removes the node's level of the hierarchy when no pod group is left under it. */
    void removeNodeIfEmpty() {
        if (!enforced) return;
        for (Path b : bases()) {
            rmdir(b.resolve(nodeDir()));
            rmdir(b.resolve("everynode")); // only when no other node of this machine uses it
        }
    }

    /**
     * rmdir of a group (it works despite the control files). A v1 memory group can refuse for a
     * moment after its last process died, so a busy group is tried again for {@link #RMDIR_WAIT}
     * on the runtime's clock; one that still has children or processes is left for the next
     * teardown.
     */
    private void rmdir(Path p) {
        wait.until(
                wait.now().plus(RMDIR_WAIT),
                () -> {
                    try {
                        Files.deleteIfExists(p);
                        return true;
                    } catch (java.nio.file.DirectoryNotEmptyException e) {
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                },
                List::of);
    }

    private static void enableControllers(List<Path> levels) throws IOException {
        for (Path l : levels) {
            Path sub = l.resolve("cgroup.subtree_control");
            if (!Files.exists(sub)) continue;
            for (String c : List.of("memory", "cpu", "pids")) {
                try {
                    Files.writeString(sub, "+" + c);
                } catch (IOException ignored) {
                    // a controller the kernel does not offer here
                }
            }
        }
    }

    private static void write(Path file, String value) throws IOException {
        if (Files.exists(file)) Files.writeString(file, value);
    }

    /** The container's limit of {@code resource} (bytes, or millicores with {@code millis}); 0 when it has none. */
    static long limit(io.fabric8.kubernetes.api.model.Container c, String resource, boolean millis) {
        if (c.getResources() == null || c.getResources().getLimits() == null) return 0;
        io.fabric8.kubernetes.api.model.Quantity q =
                c.getResources().getLimits().get(resource);
        if (q == null) return 0;
        try {
            java.math.BigDecimal v = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(q);
            return millis ? v.multiply(java.math.BigDecimal.valueOf(1000)).longValue() : v.longValue();
        } catch (RuntimeException ex) {
            return 0;
        }
    }
}

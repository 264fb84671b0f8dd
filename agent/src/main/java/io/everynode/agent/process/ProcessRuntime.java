package io.everynode.agent.process;

import io.everynode.agent.ContainerRuntime;
import io.everynode.agent.RuntimeCapabilities;
import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimePod;
import io.everynode.agent.SourcedEnv;
import io.everynode.agent.VolumeContent;
import io.everynode.agent.crilog.LogPump;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runtime whose containers are OS processes on this machine (see docs/images.md).
 *
 * <ul>
 *   <li>An explicit {@code command} runs as given (found on PATH); otherwise the image's
 *       {@code entrypoint} from the node's {@link ImageDirectory}, with the args appended. An
 *       image that is not there leaves the container waiting (ErrImagePull, then
 *       ImagePullBackOff) and is looked up again after 10 s, doubling to 5 min.</li>
 *   <li>Every container runs under a {@link Wrapper} in a session of its own, so it outlives the
 *       agent's JVM, with stdout and stderr through FIFOs the wrapper holds, copied into its log
 *       file in the CRI format by a {@link LogPump}; its pid, start
 *       time and exit status live on disk ({@link InstanceFiles}), and a new runtime over the
 *       same root {@link #adopt}s what still runs.</li>
 *   <li>Stopping sends SIGTERM to the command and SIGKILL to its whole process group at the end of
 *       the grace period. Limits go through {@link Cgroups}; a kill by the OOM killer reads as
 *       exit 137, reason OOMKilled.</li>
 *   <li>Pods share the node's network (as with hostNetwork): podIP is the node IP.</li>
 *   <li>The securityContext is enforced through a {@link SecurityContextPlan} and {@link Isolation};
 *       what cannot be enforced leaves the container waiting in CreateContainerConfigError.</li>
 * </ul>
 * The runtime keeps the pods it holds ({@link PodEntry}, {@link ContainerSlot}) and hands each
 * job to a part: {@link Launcher} starts an instance (with {@link StartRetry} for what cannot
 * start yet), {@link InstanceState} is what it saves of a started instance, {@link ProcessWatcher}
 * runs the one watcher thread and tells how an instance ended, {@link KillEscalation} stops
 * containers and waits for pods to go, {@link ExecRunner} runs execs. Every deadline is on the
 * injected clock; waits for processes go through {@link ClockWait}. Thread-safe: state is guarded
 * by this object's lock; the listener is called without it.
 */
public final class ProcessRuntime implements ContainerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRuntime.class);
    public static final String NAME = "process";
    public static final String VERSION = "0.1.0";
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration RETRY_INITIAL = Duration.ofSeconds(10);
    static final Duration RETRY_MAX = Duration.ofMinutes(5);
    /** How long an instance that has ended may still count as running while its output drains. */
    static final Duration DRAIN_GRACE = Duration.ofSeconds(2);
    /**
     * The slices of the runtime's waits (see {@link ClockWait}): for a wrapper's pid file, for
     * processes to go, for a busy cgroup to be removable.
     */
    private static final Duration PID_POLL = Duration.ofMillis(5);

    private static final Duration GONE_POLL = Duration.ofMillis(20);
    private static final Duration RMDIR_POLL = Duration.ofMillis(50);

    /**
     * @param rootDir the runtime's own state: pods' state files, logs and emptyDirs
     * @param imagesDir the node's image directory
     * @param nodeName this node, for spec.nodeName and the cgroup hierarchy
     * @param nodeIP the node's IP, which is also every pod's IP (pods share the node's network)
     * @param launchPrefix put before every command the runtime starts (containers and execs), e.g.
     *     {@code ip netns exec en-node-1}; empty for none
     */
    public record Config(Path rootDir, Path imagesDir, String nodeName, String nodeIP, List<String> launchPrefix) {
        public Config {
            Objects.requireNonNull(rootDir, "rootDir");
            Objects.requireNonNull(imagesDir, "imagesDir");
            Objects.requireNonNull(nodeName, "nodeName");
            Objects.requireNonNull(nodeIP, "nodeIP");
            launchPrefix = List.copyOf(launchPrefix);
        }

        /** On 127.0.0.1, with no launch prefix. */
        public static Config of(Path rootDir, Path imagesDir, String nodeName) {
            return new Config(rootDir, imagesDir, nodeName, "127.0.0.1", List.of());
        }

        public Config withNodeIP(String ip) {
            return new Config(rootDir, imagesDir, nodeName, ip, launchPrefix);
        }

        public Config withLaunchPrefix(List<String> prefix) {
            return new Config(rootDir, imagesDir, nodeName, nodeIP, prefix);
        }
    }

    private final Config config;
    private final Clock clock;
    private final Duration retryInitial;
    private final Cgroups cgroups;
    private final SecurityContextPlan.Host host;
    private final Launcher launcher;
    private final ProcessWatcher watcher;
    private final KillEscalation kills;
    private final ExecRunner execs;
    private final AtomicVolumeWriter volumeWriter;
    private final Map<String, PodEntry> pods = new LinkedHashMap<>();
    private volatile Consumer<String> listener = k -> {};

    public ProcessRuntime(Config config) {
        this(config, Clock.systemUTC(), RETRY_INITIAL, Path.of("/sys/fs/cgroup"));
    }

    /** With a clock, the first retry delay of an image pull or volume setup, and the cgroup mount (tests). */
    ProcessRuntime(Config config, Clock clock, Duration retryInitial, Path cgroupMount) {
        this(config, clock, retryInitial, cgroupMount, SecurityContextPlan.Host.current());
    }

    /** … and what the node can enforce of a securityContext (tests). */
    ProcessRuntime(Config config, Clock clock, Duration retryInitial, Path cgroupMount, SecurityContextPlan.Host host) {
        this.config = config;
        this.clock = clock;
        this.retryInitial = retryInitial;
        try {
            Files.createDirectories(config.rootDir().resolve("pods"));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot create the runtime's directory " + config.rootDir() + ": " + e.getMessage(), e);
        }
        this.cgroups = new Cgroups(cgroupMount, cgroupName(config), new ClockWait(clock, RMDIR_POLL));
        this.host = host;
        boolean canMount = host.uid() == 0 && onPath("unshare") && onPath("mount");
        this.launcher = new Launcher(
                config,
                new ImageDirectory(config.imagesDir()),
                cgroups,
                host,
                canMount,
                new ClockWait(clock, PID_POLL));
        this.kills = new KillEscalation(new ClockWait(clock, GONE_POLL), cgroups);
        this.execs = new ExecRunner(config.rootDir());
        this.volumeWriter = new AtomicVolumeWriter(clock);
        this.watcher = new ProcessWatcher(cgroups, config.nodeName());
        watcher.start(this::poll, POLL);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
    }

    /** Real processes in the node's network, on the machine's memory, with real execs and log files. */
    @Override
    public RuntimeCapabilities capabilities() {
        return RuntimeCapabilities.REAL;
    }

    @Override
    public void setListener(Consumer<String> podKeyChanged) {
        listener = podKeyChanged;
    }

    /** Whether memory, cpu and pids limits are enforced through cgroups on this node. */
    boolean limitsEnforced() {
        return cgroups.enforced();
    }

    /** {@code ResourceLimitsEnforced}: True when cgroups enforce limits, else False with the reason. */
    @Override
    public List<NodeCondition> conditions() {
        return List.of(new NodeConditionBuilder()
                .withType("ResourceLimitsEnforced")
                .withStatus(cgroups.enforced() ? "True" : "False")
                .withReason(cgroups.enforced() ? "CgroupsWritable" : "CgroupsNotWritable")
                .withMessage(cgroups.why())
                .build());
    }

    @Override
    public synchronized Optional<RuntimePod> pod(String uid) {
        PodEntry e = pods.get(uid);
        return e == null ? Optional.empty() : Optional.of(view(e));
    }

    @Override
    public synchronized void startContainer(Pod pod, Container container, SourcedEnv env) {
        String uid = pod.getMetadata().getUid();
        // What an earlier agent started but never reported is taken over, not started twice.
        if (!pods.containsKey(uid)) adopt(pod);
        PodEntry e = pods.computeIfAbsent(uid, u -> newEntry(pod));
        if (e.stopping) throw new IllegalStateException("pod " + e.key + " is stopping");
        e.pod = pod;
        ContainerSlot s = e.slots.computeIfAbsent(container.getName(), this::newSlot);
        if (s.running()) return;
        if (s.state == RuntimeContainer.State.TERMINATED && s.id != null) s.last = s.terminated();
        s.spec = container;
        s.sourced = env;
        s.retry.reset();
        s.killAt = null;
        launcher.attempt(e, s);
    }

    /**
     * Writes each volume under {@code <root>/pods/<uid>/volumes/<name>} with the kubelet's atomic
     * layout ({@link AtomicVolumeWriter}); unchanged content is not rewritten.
     */
    @Override
    public synchronized void writeVolumes(Pod pod, List<VolumeContent> volumes) {
        if (volumes.isEmpty()) return;
        Path dir = InstanceFiles.podDir(config.rootDir(), pod.getMetadata().getUid())
                .resolve(Volumes.DIR);
        for (VolumeContent v : volumes) {
            try {
                volumeWriter.write(dir.resolve(v.volume()), v.files());
            } catch (IOException | IllegalArgumentException ex) {
                throw new java.io.UncheckedIOException(
                        "cannot write volume \"" + v.volume() + "\": " + ex.getMessage(),
                        ex instanceof IOException io ? io : new IOException(ex));
            }
        }
    }

    @Override
    public synchronized void stopPod(String uid, Duration grace) {
        PodEntry e = pods.get(uid);
        if (e == null) return;
        e.stopping = true;
        e.slots.values().removeIf(s -> s.state == RuntimeContainer.State.WAITING);
        for (ContainerSlot s : e.slots.values()) kills.stop(s, grace);
    }

    @Override
    public synchronized void stopContainer(String uid, String container, Duration grace) {
        PodEntry e = pods.get(uid);
        ContainerSlot s = e == null ? null : e.slots.get(container);
        if (s != null) kills.stop(s, grace);
    }

    @Override
    public ExecResult exec(String uid, String container, List<String> command, Duration timeout) {
        PlannedExec plan;
        try {
            plan = planExec(uid, container, command);
        } catch (IllegalStateException e) {
            return new ExecResult(126, e.getMessage(), false);
        }
        return execs.run(plan.argv(), plan.env(), plan.dir(), command, timeout);
    }

    @Override
    public Process startExec(String uid, String container, List<String> command, boolean tty) {
        PlannedExec plan = planExec(uid, container, command);
        List<String> argv = tty ? io.everynode.agent.TerminalExec.wrap(plan.argv()) : plan.argv();
        ProcessBuilder pb = new ProcessBuilder(argv).directory(config.rootDir().toFile());
        pb.environment().clear();
        pb.environment().putAll(plan.env());
        try {
            return pb.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        }
    }

    /** The instance's stdin FIFO, if it has one, and its wrapper, under which a terminal's {@code script} runs. */
    @Override
    public synchronized io.everynode.agent.Attachment attach(String uid, String container) {
        PodEntry e = pods.get(uid);
        ContainerSlot s = e == null ? null : e.slots.get(container);
        if (s == null || !s.running() || s.spec == null) {
            throw new IllegalStateException("container " + container + " is not running");
        }
        Path fifo = s.dir(config.rootDir(), uid).resolve(io.everynode.agent.StdinFifo.NAME);
        return new io.everynode.agent.Attachment(
                Files.exists(fifo) ? Optional.of(fifo) : Optional.empty(),
                io.everynode.agent.StdinFifo.terminal(s.spec) ? ProcessHandle.of(s.pid) : Optional.empty());
    }

    /** Loopback when pods share the host's network; the node's IP when they run in the node's own namespace. */
    @Override
    public java.net.InetAddress portForwardAddress(String uid) {
        synchronized (this) {
            if (!pods.containsKey(uid)) throw new IllegalStateException("pod " + uid + " is not running on this node");
        }
        try {
            return config.launchPrefix().isEmpty()
                    ? java.net.InetAddress.getLoopbackAddress()
                    : java.net.InetAddress.getByName(config.nodeIP());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("the node IP " + config.nodeIP() + " is not an address", e);
        }
    }

    /** How an exec of {@code command} runs in the container: its argv, environment and instance directory. */
    private record PlannedExec(List<String> argv, Map<String, String> env, Path dir) {}

    /** @throws IllegalStateException when the container does not run or its security context cannot be applied */
    private synchronized PlannedExec planExec(String uid, String container, List<String> command) {
        PodEntry e = pods.get(uid);
        ContainerSlot s = e == null ? null : e.slots.get(container);
        if (s == null || !s.running() || s.spec == null) {
            throw new IllegalStateException("container " + container + " is not running");
        }
        Path dir = s.dir(config.rootDir(), uid);
        Map<String, String> env =
                ContainerEnv.of(e.pod, s.spec, config.nodeName(), config.nodeIP(), config.nodeIP(), s.sourced);
        List<String> isolation;
        try {
            isolation = Isolation.forExec(
                    SecurityContextPlan.of(e.pod, s.spec, host), s.isolated, dir, s.spec.getWorkingDir());
        } catch (SecurityContextPlan.Refusal r) {
            throw new IllegalStateException(r.getMessage(), r);
        }
        List<String> argv = Wrapper.execCommand(
                config.launchPrefix(), s.pid, s.mounted, dir, s.spec.getWorkingDir(), s.isolated, isolation, command);
        return new PlannedExec(argv, env, dir);
    }

    /** From the files on disk: the highest-numbered instance's log, or with {@code previous} the one before it. */
    @Override
    public Optional<Path> logFile(String uid, String container, boolean previous) {
        return InstanceFiles.logFile(config.rootDir(), uid, container, previous);
    }

    @Override
    public void removePod(String uid) {
        List<Long> groups = new ArrayList<>();
        synchronized (this) {
            PodEntry e = pods.remove(uid);
            if (e != null) {
                for (ContainerSlot s : e.slots.values()) {
                    if (s.running()) groups.add(s.pid);
                    s.closePump();
                }
            }
        }
        kills.awaitGone(groups, List.of(uid), clock.instant());
        cgroups.removePod(uid);
        try {
            ImageDirectory.deleteTree(InstanceFiles.podDir(config.rootDir(), uid));
        } catch (RuntimeException ex) {
            LOG.warn("cannot remove the directory of pod {}: {}", uid, ex.toString());
        }
    }

    @Override
    public synchronized Optional<RuntimePod> adopt(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (pods.containsKey(uid)) return pod(uid);
        Path podDir = InstanceFiles.podDir(config.rootDir(), uid);
        if (!Files.isDirectory(podDir)) return Optional.empty();
        PodEntry e = newEntry(pod);
        for (Container c : pod.getSpec().getContainers()) {
            int n = InstanceFiles.latest(InstanceFiles.containerDir(config.rootDir(), uid, c.getName()));
            if (n < 1) continue;
            ContainerSlot s = load(uid, c.getName(), n).orElse(null);
            if (s == null) continue;
            s.spec = c;
            adoptPump(uid, s);
            ContainerSlot before = n > 1 ? load(uid, c.getName(), n - 1).orElse(null) : null;
            if (before != null && before.state == RuntimeContainer.State.TERMINATED) s.last = before.terminated();
            e.slots.put(c.getName(), s);
        }
        if (e.slots.isEmpty()) return Optional.empty();
        pods.put(uid, e);
        return Optional.of(view(e));
    }

    /**
     * Reads on from the log pipes of an adopted instance (ended or not: its wrapper keeps what the
     * container wrote while no agent ran until a reader comes). Instances started before logs were
     * piped have none; their files stay as they are.
     */
    private void adoptPump(String uid, ContainerSlot s) {
        Path dir = s.dir(config.rootDir(), uid);
        if (!LogPump.hasPipes(dir)) return;
        try {
            s.pump = LogPump.start(dir, InstanceFiles.log(config.rootDir(), uid, s.name, s.instance), clock, s.id);
        } catch (IOException ex) {
            LOG.warn("node {}: cannot read the log pipes of {}: {}", config.nodeName(), dir, ex.toString());
        }
    }

    /**
     * The node's group under {@code everynode/}: its name plus a short hash of its state directory,
     * so two clusters on one machine (each with a {@code node-1}) never share or remove each
     * other's groups, while a restarted agent over the same directory finds its own again.
     */
    static String cgroupName(Config config) {
        String root = config.rootDir().toAbsolutePath().normalize().toString();
        return config.nodeName() + "-" + String.format("%08x", root.hashCode());
    }

    /**
     * Stops every container of every pod this runtime holds, as a machine shutting down does:
     * SIGTERM to each, SIGKILL to what still runs when {@code grace} has passed. Pod directories
     * (logs, state) stay, so a runtime over the same root later finds the containers exited and
     * the agent starts them again. {@code everynode up} calls it on Ctrl-C, so nothing of a
     * stopped cluster keeps running on the machine. Blocks until the processes are gone (at most
     * {@code grace} plus a few seconds).
     */
    public void stopAll(Duration grace) {
        List<Long> wrappers = new ArrayList<>();
        List<String> uids;
        synchronized (this) {
            uids = new ArrayList<>(pods.keySet());
            for (PodEntry e : pods.values()) {
                for (ContainerSlot s : e.slots.values()) {
                    if (s.running()) {
                        wrappers.add(s.pid);
                        Wrapper.signal("TERM", s.pid, false);
                    }
                }
            }
        }
        kills.awaitGone(wrappers, uids, clock.instant().plus(grace.isNegative() ? Duration.ZERO : grace));
        for (String uid : uids) cgroups.removePod(uid);
    }

    /** Stops watching. What runs keeps running, for the next runtime over the same root to adopt; empty cgroups go. */
    @Override
    public void close() {
        watcher.close();
        synchronized (this) {
            for (PodEntry e : pods.values()) e.slots.values().forEach(ContainerSlot::closePump);
        }
        cgroups.removeNodeIfEmpty();
    }

    // ---- the watcher's pass ------------------------------------------------------------------

    /** One pass of the watcher: ended containers, kill deadlines, retries of waiting ones. */
    void poll() {
        Set<String> changed = new LinkedHashSet<>();
        List<Long> sweep = new ArrayList<>();
        try {
            synchronized (this) {
                Instant now = clock.instant();
                for (PodEntry e : pods.values()) {
                    for (ContainerSlot s : e.slots.values()) {
                        if (s.running()) {
                            Optional<ProcessWatcher.Ending> end = watcher.ending(
                                    e.uid, s.name, s.dir(config.rootDir(), e.uid), s.pid, s.ticks, s.oomBase, now);
                            if (end.isPresent() && draining(s, now)) {
                                continue;
                            } else if (end.isPresent()) {
                                sweep.add(s.pid); // leftovers of its process group
                                s.end(end.get());
                                changed.add(e.key);
                            } else {
                                kills.killIfDue(s, now);
                            }
                        } else if (s.state == RuntimeContainer.State.WAITING && !e.stopping && s.retry.due(now)) {
                            launcher.attempt(e, s);
                            changed.add(e.key);
                        }
                    }
                }
            }
        } catch (RuntimeException ex) {
            LOG.warn("process runtime of node {}: poll failed: {}", config.nodeName(), ex.toString());
        }
        for (long pgid : sweep) Wrapper.signal("KILL", pgid, true);
        Consumer<String> l = listener;
        for (String key : changed) {
            try {
                l.accept(key);
            } catch (RuntimeException ex) {
                LOG.warn("process runtime listener failed for {}: {}", key, ex.toString());
            }
        }
    }

    /**
     * Whether an instance that has ended still counts as running while its pump reads the rest of
     * its output (at most {@link #DRAIN_GRACE}), so a follower of its log sees all of it.
     */
    private static boolean draining(ContainerSlot s, Instant now) {
        if (s.pump == null || s.pump.finished()) return false;
        if (s.endSeenAt == null) s.endSeenAt = now;
        return now.isBefore(s.endSeenAt.plus(DRAIN_GRACE));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private ContainerSlot newSlot(String name) {
        return new ContainerSlot(name, clock, retryInitial, RETRY_MAX);
    }

    private PodEntry newEntry(Pod pod) {
        String uid = pod.getMetadata().getUid();
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        try {
            Path dir = InstanceFiles.podDir(config.rootDir(), uid);
            Files.createDirectories(dir);
            Properties p = new Properties();
            p.setProperty("key", key);
            InstanceFiles.write(dir.resolve("pod.properties"), p);
        } catch (IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return new PodEntry(uid, key, pod);
    }

    /** A saved instance, as it stands now: running when its wrapper still is the process we started. */
    private Optional<ContainerSlot> load(String uid, String container, int n) {
        Path dir = InstanceFiles.instanceDir(config.rootDir(), uid, container, n);
        Optional<InstanceState> st = InstanceState.read(dir);
        if (st.isEmpty()) return Optional.empty();
        ContainerSlot s = newSlot(container);
        s.instance = n;
        s.run(st.get());
        watcher.ending(uid, container, dir, s.pid, s.ticks, s.oomBase, clock.instant())
                .ifPresent(s::end);
        return Optional.of(s);
    }

    /**
     * From the container's cgroup ({@link Cgroups#usage}); where cgroups are not enforced, the CPU
     * time and resident memory of its session's processes, read from /proc.
     */
    @Override
    public Optional<io.everynode.api.metrics.Usage> usage(String uid, String container) {
        long pid;
        synchronized (this) {
            PodEntry e = pods.get(uid);
            ContainerSlot s = e == null ? null : e.slots.get(container);
            if (s == null || !s.running()) return Optional.empty();
            pid = s.pid;
        }
        Optional<io.everynode.api.metrics.Usage> fromCgroup = cgroups.usage(uid, container);
        if (fromCgroup.isPresent()) return fromCgroup;
        return Optional.of(new io.everynode.api.metrics.Usage(
                ProcFs.sessionCpuTicks(pid) * io.everynode.agent.stats.CgroupUsage.NANOS_PER_TICK,
                ProcFs.sessionRss(pid)));
    }

    private RuntimePod view(PodEntry e) {
        Map<String, RuntimeContainer> out = new LinkedHashMap<>();
        long memory = 0;
        for (ContainerSlot s : e.slots.values()) {
            out.put(s.name, s.view());
            if (s.running()) {
                long m = cgroups.memoryUsage(e.uid, s.name);
                memory += m >= 0 ? m : ProcFs.sessionRss(s.pid);
            }
        }
        return new RuntimePod(e.uid, e.key, config.nodeIP(), out, memory, e.stopping);
    }

    private static boolean onPath(String cmd) {
        return Launcher.missingExecutable(cmd, System.getenv("PATH")) == null;
    }
}

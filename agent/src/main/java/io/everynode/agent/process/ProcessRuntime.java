package io.everynode.agent.process;

import io.everynode.agent.ContainerRuntime;
import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimePod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 *   <li>Every container runs under a {@link Wrapper} in a session of its own, with stdout and
 *       stderr going straight to its log file, so it outlives the agent's JVM; its pid, start
 *       time and exit status live on disk ({@link InstanceFiles}), and a new runtime over the
 *       same root {@link #adopt}s what still runs.</li>
 *   <li>Stopping sends SIGTERM to the command and SIGKILL to its whole process group at the end of
 *       the grace period. Limits go through {@link Cgroups}; a kill by the OOM killer reads as
 *       exit 137, reason OOMKilled.</li>
 *   <li>Pods share the node's network (as with hostNetwork): podIP is the node IP.</li>
 *   <li>The securityContext is enforced through a {@link SecurityContextPlan} and {@link Isolation};
 *       what cannot be enforced leaves the container waiting in CreateContainerConfigError.</li>
 * </ul>
 * One watcher thread polls the running containers' wrappers (a file check and a read of
 * /proc/PID/stat each) and tells the listener what changed. Thread-safe: state is guarded by
 * this object's lock; the listener is called without it.
 */
public final class ProcessRuntime implements ContainerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRuntime.class);
    public static final String NAME = "process";
    public static final String VERSION = "0.1.0";
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration RETRY_INITIAL = Duration.ofSeconds(10);
    static final Duration RETRY_MAX = Duration.ofMinutes(5);

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

    /** The current instance of one container of a pod, and what is needed to start the next. */
    private static final class Slot {
        final String name;
        Container spec;
        int instance;
        RuntimeContainer.State state = RuntimeContainer.State.WAITING;
        String id;
        String image;
        String imageID = "";
        String reason;
        String message;
        Instant startedAt;
        Instant finishedAt;
        Integer exitCode;
        long pid;
        long ticks;
        long oomBase;
        boolean mounted;
        boolean isolated;
        RuntimeContainer.Terminated last;
        Instant killAt;
        int tries;
        Instant retryAt;

        Slot(String name) {
            this.name = name;
        }

        Path dir(Path root, String uid) {
            return InstanceFiles.instanceDir(root, uid, name, instance);
        }

        RuntimeContainer view() {
            return new RuntimeContainer(name, id, image, imageID, state, state == RuntimeContainer.State.RUNNING, startedAt,
                    finishedAt, exitCode, reason, last, message);
        }
    }

    private static final class Entry {
        final String uid;
        final String key;
        Pod pod;
        final Map<String, Slot> slots = new LinkedHashMap<>();
        boolean stopping;

        Entry(String uid, String key, Pod pod) {
            this.uid = uid;
            this.key = key;
            this.pod = pod;
        }
    }

    private final Config config;
    private final Clock clock;
    private final Duration retryInitial;
    private final ImageDirectory images;
    private final Cgroups cgroups;
    private final boolean canMount;
    private final SecurityContextPlan.Host host;
    private final Map<String, Entry> pods = new LinkedHashMap<>();
    private final ScheduledExecutorService watcher;
    private volatile Consumer<String> listener = k -> { };

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
        this.images = new ImageDirectory(config.imagesDir());
        try {
            Files.createDirectories(config.rootDir().resolve("pods"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the runtime's directory " + config.rootDir() + ": " + e.getMessage(), e);
        }
        this.cgroups = new Cgroups(cgroupMount, cgroupName(config));
        this.host = host;
        this.canMount = host.uid() == 0 && onPath("unshare") && onPath("mount");
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "process-runtime-" + config.nodeName());
            th.setDaemon(true);
            return th;
        });
        this.watcher = t;
        t.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return VERSION;
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
        return List.of(new NodeConditionBuilder().withType("ResourceLimitsEnforced").withStatus(cgroups.enforced() ? "True" : "False")
                .withReason(cgroups.enforced() ? "CgroupsWritable" : "CgroupsNotWritable").withMessage(cgroups.why()).build());
    }

    @Override
    public synchronized Optional<RuntimePod> pod(String uid) {
        Entry e = pods.get(uid);
        return e == null ? Optional.empty() : Optional.of(view(e));
    }

    @Override
    public synchronized void startContainer(Pod pod, Container container) {
        String uid = pod.getMetadata().getUid();
        // What an earlier agent started but never reported is taken over, not started twice.
        if (!pods.containsKey(uid)) adopt(pod);
        Entry e = pods.computeIfAbsent(uid, u -> newEntry(pod));
        if (e.stopping) throw new IllegalStateException("pod " + e.key + " is stopping");
        e.pod = pod;
        Slot s = e.slots.computeIfAbsent(container.getName(), Slot::new);
        if (s.state == RuntimeContainer.State.RUNNING) return;
        if (s.state == RuntimeContainer.State.TERMINATED && s.id != null) s.last = terminated(s);
        s.spec = container;
        s.tries = 0;
        s.killAt = null;
        attempt(e, s);
    }

    @Override
    public synchronized void stopPod(String uid, Duration grace) {
        Entry e = pods.get(uid);
        if (e == null) return;
        e.stopping = true;
        e.slots.values().removeIf(s -> s.state == RuntimeContainer.State.WAITING);
        for (Slot s : e.slots.values()) stop(s, grace);
    }

    @Override
    public synchronized void stopContainer(String uid, String container, Duration grace) {
        Entry e = pods.get(uid);
        Slot s = e == null ? null : e.slots.get(container);
        if (s != null) stop(s, grace);
    }

    /** SIGTERM to the command (through the wrapper) once; SIGKILL to the group when the earliest deadline passes. */
    private void stop(Slot s, Duration grace) {
        if (s.state != RuntimeContainer.State.RUNNING) return;
        Instant at = clock.instant().plus(grace.isNegative() ? Duration.ZERO : grace);
        if (s.killAt == null) {
            Wrapper.signal("TERM", s.pid, false);
            s.killAt = at;
        } else if (at.isBefore(s.killAt)) {
            s.killAt = at;
        }
        if (!clock.instant().isBefore(s.killAt)) Wrapper.signal("KILL", s.pid, true);
    }

    @Override
    public ExecResult exec(String uid, String container, List<String> command, Duration timeout) {
        List<String> argv;
        Map<String, String> env;
        Path out;
        synchronized (this) {
            Entry e = pods.get(uid);
            Slot s = e == null ? null : e.slots.get(container);
            if (s == null || s.state != RuntimeContainer.State.RUNNING || s.spec == null) {
                return new ExecResult(126, "container " + container + " is not running", false);
            }
            Path dir = s.dir(config.rootDir(), uid);
            env = ContainerEnv.of(e.pod, s.spec, config.nodeName(), config.nodeIP(), config.nodeIP());
            List<String> isolation;
            try {
                isolation = Isolation.forExec(SecurityContextPlan.of(e.pod, s.spec, host), s.isolated, dir, s.spec.getWorkingDir());
            } catch (SecurityContextPlan.Refusal r) {
                return new ExecResult(126, r.getMessage(), false);
            }
            argv = Wrapper.execCommand(config.launchPrefix(), s.pid, s.mounted, dir, s.spec.getWorkingDir(), s.isolated, isolation,
                    command);
            out = dir.resolve("exec-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + ".out");
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).directory(config.rootDir().toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            if (!done) {
                Wrapper.signal("KILL", p.pid(), true);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            String text = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
            return done ? new ExecResult(p.exitValue(), text, false) : new ExecResult(137, text, true);
        } catch (IOException ex) {
            return new ExecResult(126, "cannot run " + command + ": " + ex.getMessage(), false);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new ExecResult(130, "interrupted", false);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // the pod's directory goes with the pod
            }
        }
    }

    /** From the files on disk: the highest-numbered instance's log, or with {@code previous} the one before it. */
    @Override
    public Optional<Path> logFile(String uid, String container, boolean previous) {
        Path cdir = InstanceFiles.containerDir(config.rootDir(), uid, container);
        int n = InstanceFiles.latest(cdir);
        if (previous) n--;
        if (n < 1) return Optional.empty();
        Path log = InstanceFiles.log(config.rootDir(), uid, container, n);
        return Files.exists(log) ? Optional.of(log) : Optional.empty();
    }

    @Override
    public void removePod(String uid) {
        List<Long> groups = new ArrayList<>();
        synchronized (this) {
            Entry e = pods.remove(uid);
            if (e != null) {
                for (Slot s : e.slots.values()) {
                    if (s.state == RuntimeContainer.State.RUNNING) groups.add(s.pid);
                }
            }
        }
        awaitGone(groups, List.of(uid), System.nanoTime());
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
        Entry e = newEntry(pod);
        for (Container c : pod.getSpec().getContainers()) {
            int n = InstanceFiles.latest(InstanceFiles.containerDir(config.rootDir(), uid, c.getName()));
            if (n < 1) continue;
            Slot s = load(uid, c.getName(), n).orElse(null);
            if (s == null) continue;
            s.spec = c;
            Slot before = n > 1 ? load(uid, c.getName(), n - 1).orElse(null) : null;
            if (before != null && before.state == RuntimeContainer.State.TERMINATED) s.last = terminated(before);
            e.slots.put(c.getName(), s);
        }
        if (e.slots.isEmpty()) return Optional.empty();
        pods.put(uid, e);
        return Optional.of(view(e));
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
            for (Entry e : pods.values()) {
                for (Slot s : e.slots.values()) {
                    if (s.state == RuntimeContainer.State.RUNNING) {
                        wrappers.add(s.pid);
                        Wrapper.signal("TERM", s.pid, false);
                    }
                }
            }
        }
        awaitGone(wrappers, uids, System.nanoTime() + Math.max(0, grace.toNanos()));
        for (String uid : uids) cgroups.removePod(uid);
    }

    /**
     * Waits until the given wrappers have exited and nothing is left in the pods' cgroups. From
     * {@code killAtNanos} on ({@link System#nanoTime()}), each round SIGKILLs the wrappers' groups
     * and whatever is still in the pods' groups (stragglers that left the session); SIGKILL is
     * asynchronous, so it gives up 5 s after that, leaving the groups for the next teardown.
     */
    private void awaitGone(List<Long> wrappers, List<String> uids, long killAtNanos) {
        long giveUp = killAtNanos + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < giveUp) {
            boolean wrappersGone = wrappers.stream().allMatch(p -> {
                String[] st = ProcFs.stat(p);
                return st == null || "Z".equals(st[0]);
            });
            List<Long> left = new ArrayList<>();
            for (String uid : uids) left.addAll(cgroups.podPids(uid));
            if (wrappersGone && left.isEmpty()) return;
            if (System.nanoTime() >= killAtNanos) {
                for (long pid : wrappers) {
                    if (ProcFs.stat(pid) != null) Wrapper.signal("KILL", pid, true); // a pid gone may be reused: leave it
                }
                for (long pid : left) Wrapper.signal("KILL", pid, false);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops watching. What runs keeps running, for the next runtime over the same root to adopt; empty cgroups go. */
    @Override
    public void close() {
        watcher.shutdownNow();
        try {
            watcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cgroups.removeNodeIfEmpty();
    }

    // ---- starting ----------------------------------------------------------------------------

    private Entry newEntry(Pod pod) {
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
        return new Entry(uid, key, pod);
    }

    /** One try at starting the slot's next instance; on a missing image or volume the slot waits and is tried again later. */
    private void attempt(Entry e, Slot s) {
        Container c = s.spec;
        Instant now = clock.instant();
        s.image = c.getImage();
        String entrypoint = null;
        if (c.getCommand() == null || c.getCommand().isEmpty()) {
            Optional<Path> ep = images.resolve(c.getImage());
            if (ep.isEmpty()) {
                waitAndRetry(s, s.tries == 0 ? "ErrImagePull" : "ImagePullBackOff", "image \"" + c.getImage()
                        + "\" not found in the node's image directory " + config.imagesDir(), now);
                return;
            }
            entrypoint = ep.get().toString();
            s.imageID = ImageDirectory.imageID(c.getImage(), ep.get());
        } else {
            s.imageID = "";
        }
        SecurityContextPlan plan;
        try {
            plan = SecurityContextPlan.of(e.pod, c, host);
        } catch (SecurityContextPlan.Refusal r) {
            waitAndRetry(s, "CreateContainerConfigError", r.getMessage(), now);
            return;
        }
        Path podDir = InstanceFiles.podDir(config.rootDir(), e.uid);
        List<Volumes.Mount> mounts;
        try {
            mounts = Volumes.prepare(e.pod, c, podDir, canMount, plan);
        } catch (Volumes.Failure f) {
            waitAndRetry(s, "ContainerCreating", f.getMessage(), now);
            return;
        }
        Map<String, String> env = ContainerEnv.of(e.pod, c, config.nodeName(), config.nodeIP(), config.nodeIP());
        List<String> command = ContainerEnv.commandLine(c, entrypoint, env);
        String missing = missingExecutable(command.get(0), env.get("PATH"));
        if (missing == null && plan.isolated() && plan.uid() != 0 && command.get(0).contains("/")) {
            missing = UserAccess.cannotExecute(Path.of(command.get(0)), plan.uid(), plan.gid(), plan.groups());
        }
        s.instance = Math.max(s.instance, InstanceFiles.latest(InstanceFiles.containerDir(config.rootDir(), e.uid, s.name))) + 1;
        s.id = NAME + "://" + InstanceFiles.containerId(e.uid, s.name, s.instance, now);
        s.retryAt = null;
        s.message = null;
        if (missing != null) {
            finishNow(s, 128, "StartError", missing, now);
            return;
        }
        try {
            launch(e, s, plan, mounts, command, env, now);
        } catch (IOException ex) {
            finishNow(s, 128, "StartError", "cannot start the container: " + ex.getMessage(), now);
        }
    }

    private void launch(Entry e, Slot s, SecurityContextPlan plan, List<Volumes.Mount> mounts, List<String> command,
                        Map<String, String> env, Instant now) throws IOException {
        Path dir = s.dir(config.rootDir(), e.uid);
        ImageDirectory.deleteTree(dir);
        Files.createDirectories(dir);
        List<Path> procs = cgroups.prepare(e.uid, s.name, Cgroups.limit(s.spec, "memory", false), Cgroups.limit(s.spec, "cpu", true), 0);
        if (!procs.isEmpty()) Files.write(dir.resolve("cgroups"), procs.stream().map(Path::toString).toList());
        if (!mounts.isEmpty()) {
            Files.write(dir.resolve("mounts"), mounts.stream()
                    .map(m -> m.source() + "\t" + m.target() + "\t" + (m.readOnly() ? "ro" : "rw")).toList());
        }
        s.oomBase = cgroups.oomKills(e.uid, s.name);
        s.mounted = !mounts.isEmpty();
        s.isolated = plan.isolated();
        if (s.isolated) Files.write(dir.resolve("isolation"), Isolation.markers(plan));
        Path log = InstanceFiles.log(config.rootDir(), e.uid, s.name, s.instance);
        List<String> chain = new ArrayList<>(Isolation.containerPrefix(plan, dir));
        chain.addAll(command);
        List<String> argv = Wrapper.containerCommand(config.launchPrefix(), s.mounted, dir, s.spec.getWorkingDir(), chain);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        long pid = awaitPid(dir.resolve("pid"), p);
        if (pid > 0 && s.isolated) awaitPid(dir.resolve("child"), p); // the command's pid, from PREPARE: it is about to exec
        if (pid <= 0) {
            int code = p.isAlive() ? 128 : p.exitValue();
            p.destroyForcibly();
            finishNow(s, code == 0 ? 128 : code, "StartError", "the container's wrapper did not start (see its log " + log + ")", now);
            return;
        }
        s.pid = pid;
        s.ticks = ProcFs.startTicks(pid);
        s.state = RuntimeContainer.State.RUNNING;
        s.startedAt = now;
        s.finishedAt = null;
        s.exitCode = null;
        s.reason = null;
        Properties st = new Properties();
        st.setProperty("id", s.id);
        st.setProperty("image", s.image == null ? "" : s.image);
        st.setProperty("imageID", s.imageID);
        st.setProperty("startedAt", now.toString());
        st.setProperty("pid", Long.toString(s.pid));
        st.setProperty("ticks", Long.toString(s.ticks));
        st.setProperty("oomBase", Long.toString(s.oomBase));
        st.setProperty("mounted", Boolean.toString(s.mounted));
        st.setProperty("isolated", Boolean.toString(s.isolated));
        InstanceFiles.write(dir.resolve("state.properties"), st);
        // Keep the current and the previous instance only.
        if (s.instance > 2) {
            ImageDirectory.deleteTree(InstanceFiles.instanceDir(config.rootDir(), e.uid, s.name, s.instance - 2));
            Files.deleteIfExists(InstanceFiles.log(config.rootDir(), e.uid, s.name, s.instance - 2));
        }
    }

    /** A pid from its file, e.g. the wrapper's (it may run behind a launch prefix that forks); -1 if the wrapper died first. */
    private static long awaitPid(Path file, Process p) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            long pid = InstanceFiles.readLong(file);
            if (pid > 0) return pid;
            if (!p.isAlive()) {
                pid = InstanceFiles.readLong(file);
                return pid > 0 ? pid : -1;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    private void waitAndRetry(Slot s, String reason, String message, Instant now) {
        s.state = RuntimeContainer.State.WAITING;
        s.reason = reason;
        s.message = message;
        s.id = null;
        s.startedAt = null;
        s.finishedAt = null;
        s.exitCode = null;
        Duration d = retryInitial.multipliedBy(1L << Math.min(s.tries, 10));
        if (d.compareTo(RETRY_MAX) > 0) d = RETRY_MAX;
        s.tries++;
        s.retryAt = now.plus(d);
    }

    private void finishNow(Slot s, int code, String reason, String message, Instant now) {
        s.state = RuntimeContainer.State.TERMINATED;
        s.startedAt = now;
        s.finishedAt = now;
        s.exitCode = code;
        s.reason = reason;
        s.message = message;
        s.pid = 0;
    }

    // ---- watching ----------------------------------------------------------------------------

    /** One pass of the watcher: ended containers, kill deadlines, retries of waiting ones. */
    void poll() {
        Set<String> changed = new LinkedHashSet<>();
        List<Long> sweep = new ArrayList<>();
        try {
            synchronized (this) {
                Instant now = clock.instant();
                for (Entry e : pods.values()) {
                    for (Slot s : e.slots.values()) {
                        if (s.state == RuntimeContainer.State.RUNNING) {
                            if (ended(e, s, now, sweep)) changed.add(e.key);
                            else if (s.killAt != null && !now.isBefore(s.killAt)) Wrapper.signal("KILL", s.pid, true);
                        } else if (s.state == RuntimeContainer.State.WAITING && !e.stopping && s.retryAt != null
                                && !now.isBefore(s.retryAt)) {
                            attempt(e, s);
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

    /** Whether the slot's instance has ended; if so records how. Leftovers of its process group are swept. */
    private boolean ended(Entry e, Slot s, Instant now, List<Long> sweep) {
        Path dir = s.dir(config.rootDir(), e.uid);
        Optional<Integer> code = InstanceFiles.exitCode(dir);
        boolean alive = ProcFs.alive(s.pid, s.ticks);
        if (code.isEmpty() && alive) return false;
        sweep.add(s.pid);
        int exit = code.orElse(137);
        boolean oom = cgroups.oomKills(e.uid, s.name) > s.oomBase;
        s.state = RuntimeContainer.State.TERMINATED;
        s.exitCode = oom ? 137 : exit;
        s.reason = oom ? "OOMKilled" : exit == 0 ? "Completed" : "Error";
        s.finishedAt = InstanceFiles.exitTime(dir, now);
        s.killAt = null;
        return true;
    }

    /** A saved instance, as it stands now: running when its wrapper still is the process we started. */
    private Optional<Slot> load(String uid, String container, int n) {
        Path dir = InstanceFiles.instanceDir(config.rootDir(), uid, container, n);
        Properties p = InstanceFiles.read(dir.resolve("state.properties")).orElse(null);
        if (p == null) return Optional.empty();
        Slot s = new Slot(container);
        s.instance = n;
        s.id = p.getProperty("id");
        s.image = p.getProperty("image");
        s.imageID = p.getProperty("imageID", "");
        s.startedAt = Instant.parse(p.getProperty("startedAt"));
        s.pid = Long.parseLong(p.getProperty("pid"));
        s.ticks = Long.parseLong(p.getProperty("ticks"));
        s.oomBase = Long.parseLong(p.getProperty("oomBase", "0"));
        s.mounted = Boolean.parseBoolean(p.getProperty("mounted"));
        s.isolated = Boolean.parseBoolean(p.getProperty("isolated"));
        Optional<Integer> code = InstanceFiles.exitCode(dir);
        if (code.isEmpty() && ProcFs.alive(s.pid, s.ticks)) {
            s.state = RuntimeContainer.State.RUNNING;
            return Optional.of(s);
        }
        int exit = code.orElse(137);
        boolean oom = cgroups.oomKills(uid, container) > s.oomBase;
        s.state = RuntimeContainer.State.TERMINATED;
        s.exitCode = oom ? 137 : exit;
        s.reason = oom ? "OOMKilled" : exit == 0 ? "Completed" : "Error";
        s.finishedAt = InstanceFiles.exitTime(dir, clock.instant());
        return Optional.of(s);
    }

    // ---- views and helpers -------------------------------------------------------------------

    private RuntimePod view(Entry e) {
        Map<String, RuntimeContainer> out = new LinkedHashMap<>();
        long memory = 0;
        for (Slot s : e.slots.values()) {
            out.put(s.name, s.view());
            if (s.state == RuntimeContainer.State.RUNNING) {
                long m = cgroups.memoryUsage(e.uid, s.name);
                memory += m >= 0 ? m : ProcFs.sessionRss(s.pid);
            }
        }
        return new RuntimePod(e.uid, e.key, config.nodeIP(), out, memory, e.stopping);
    }

    private static RuntimeContainer.Terminated terminated(Slot s) {
        return new RuntimeContainer.Terminated(s.id, s.startedAt, s.finishedAt, s.exitCode == null ? 0 : s.exitCode, s.reason);
    }

    /** The kubelet's StartError message when the command is neither a path nor found on PATH; null when it can run. */
    static String missingExecutable(String cmd, String path) {
        if (cmd.contains("/")) {
            Path p = Path.of(cmd);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? null
                    : "exec: \"" + cmd + "\": stat " + cmd + ": no such file or directory";
        }
        if (path != null) {
            for (String d : path.split(":")) {
                if (d.isEmpty()) continue;
                Path p = Path.of(d, cmd);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) return null;
            }
        }
        return "exec: \"" + cmd + "\": executable file not found in $PATH";
    }

    private static boolean onPath(String cmd) {
        return missingExecutable(cmd, System.getenv("PATH")) == null;
    }
}

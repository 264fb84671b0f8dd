package io.everynode.agent.container;

import io.everynode.agent.ContainerRuntime;
import io.everynode.agent.ImagePullListener;
import io.everynode.agent.PullAttempt;
import io.everynode.agent.RuntimeCapabilities;
import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimePod;
import io.everynode.agent.SourcedEnv;
import io.everynode.agent.VolumeContent;
import io.everynode.agent.crilog.CriLines;
import io.everynode.agent.crilog.LogPump;
import io.everynode.agent.process.AtomicVolumeWriter;
import io.everynode.agent.process.ContainerEnv;
import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The container runtime ({@code --runtime container}): every container an OCI container run by
 * {@code runc} from a bundle the runtime writes (docs/containers.md).
 *
 * <ul>
 *   <li>Starting: the {@link ImageSource} prepares the image first (outside the runtime's lock, a
 *       pull may take long); an {@link ImageUnavailable} leaves the container waiting with its
 *       reason, ErrImagePull on the first failure and ImagePullBackOff while the shared back-off
 *       (10 s doubling to 5 min) runs. Each try, first or retried, is reported to the
 *       {@link ImagePullListener} (when a pull begins, timed by {@link PullTimer}; how the try
 *       ended), from which the agent records the kubelet's image events. The pod's sandbox comes next, once: its network from the
 *       {@link PodNetwork} (unless hostNetwork), its IPC namespace pinned to a file (unless
 *       hostIPC), its /etc files. Then the instance's bundle: an overlay root of the image's
 *       layers with an upper directory of its own, and {@code config.json} from {@link OciSpec}.</li>
 *   <li>Shared namespaces: the pod's containers join its network namespace and its pinned IPC
 *       namespace by path, so no pause process is needed and any container restarts alone
 *       (joining the first container's namespaces would tie the others to its life). Each
 *       container has its own PID namespace (no shareProcessNamespace) and UTS namespace with the
 *       pod's name as hostname.</li>
 *   <li>Running: {@code runc run} in the foreground under a small {@code sh} supervisor in a
 *       session of its own ({@link Runc#WRAPPER}), stdout and stderr through FIFOs the supervisor
 *       holds, copied into the instance's log file in the CRI format by a {@link LogPump} (two
 *       threads per running container, blocked in reads). One watcher thread per runtime looks
 *       for the supervisors' exit files.</li>
 *   <li>Stopping: SIGTERM to the container's init through {@code runc kill}, SIGKILL to all of it
 *       at the deadline. A SIGKILL the runtime did not send, with the memory limit reached, is
 *       OOMKilled (137), see {@link ContainerCgroups}.</li>
 *   <li>Adoption: instances' state files and supervisors' exit files under the pod's directory
 *       outlive the agent; a new runtime over the same root takes over what still runs.</li>
 * </ul>
 * Thread-safe: state under this object's lock; the listener is called without it.
 */
public final class RuncRuntime implements ContainerRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(RuncRuntime.class);
    public static final String NAME = "runc";
    static final Duration POLL = Duration.ofMillis(200);
    static final Duration RETRY_INITIAL = Duration.ofSeconds(10);
    static final Duration RETRY_MAX = Duration.ofMinutes(5);
    /** How long runc may take to start a container (write its init's pid) before the start fails. */
    static final Duration START_WAIT = Duration.ofSeconds(20);
    /** How long an instance that wrote its exit status may still count as running while its output drains. */
    static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    /**
     * @param rootDir the runtime's own state: runc's root, pods' bundles, logs and volumes
     * @param nodeName this node
     * @param nodeIP the node's IP (hostIP, and podIP of hostNetwork pods)
     * @param runc the runc binary
     */
    public record Config(Path rootDir, String nodeName, String nodeIP, String runc) {
        public Config {
            Objects.requireNonNull(rootDir, "rootDir");
            Objects.requireNonNull(nodeName, "nodeName");
            Objects.requireNonNull(nodeIP, "nodeIP");
            Objects.requireNonNull(runc, "runc");
        }
    }

    private final Config config;
    private final ImageSource images;
    private final PodNetwork network;
    private final Clock clock;
    private final Duration retryInitial;
    private final Runc runc;
    private final String version;
    private final ContainerCgroups cgroups;
    private final AtomicVolumeWriter volumeWriter;
    private final ScheduledExecutorService watcher;
    private final Set<String> hostCapabilities;
    private final Map<String, RuncPod> pods = new LinkedHashMap<>();
    private volatile Consumer<String> listener = k -> {};
    private volatile ImagePullListener pullListener = ImagePullListener.NONE;

    public RuncRuntime(Config config, ImageSource images, PodNetwork network) {
        this(config, images, network, Clock.systemUTC(), RETRY_INITIAL, Path.of("/sys/fs/cgroup"));
    }

    /** With a clock, the first retry delay of an image pull, and the cgroup mount (tests). */
    RuncRuntime(
            Config config,
            ImageSource images,
            PodNetwork network,
            Clock clock,
            Duration retryInitial,
            Path cgroupMount) {
        this.config = config;
        this.images = Objects.requireNonNull(images, "images");
        this.network = Objects.requireNonNull(network, "network");
        this.clock = clock;
        this.retryInitial = retryInitial;
        try {
            Files.createDirectories(config.rootDir().resolve("pods"));
            Files.createDirectories(config.rootDir().resolve("runc"));
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot create the runtime's directory " + config.rootDir() + ": " + e.getMessage(), e);
        }
        this.runc = new Runc(config.runc(), config.rootDir().resolve("runc").toAbsolutePath());
        this.version = runc.version();
        String root = config.rootDir().toAbsolutePath().normalize().toString();
        this.cgroups =
                new ContainerCgroups(cgroupMount, config.nodeName() + "-" + String.format("%08x", root.hashCode()));
        this.volumeWriter = new AtomicVolumeWriter(clock);
        Set<String> own = io.everynode.agent.process.Capabilities.bounding(Path.of("/proc/self/status"));
        this.hostCapabilities = own != null ? own : Set.copyOf(io.everynode.agent.process.Capabilities.KNOWN);
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "runc-watcher-" + config.nodeName());
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Why the runtime cannot run on this machine (not root, or no runc on PATH), or empty when it can.
     *
     * @param runcBinary a path, or a name to find on PATH
     */
    public static Optional<String> unavailable(String runcBinary) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("the container runtime needs root (it mounts overlays and runs runc); this is user "
                    + System.getProperty("user.name"));
        }
        if (find(runcBinary) == null) {
            return Optional.of("the container runtime needs runc, and \"" + runcBinary
                    + "\" is not on PATH (install Debian's runc package)");
        }
        return Optional.empty();
    }

    public static String find(String binary) {
        if (binary.contains("/")) return Files.isExecutable(Path.of(binary)) ? binary : null;
        String path = System.getenv("PATH");
        for (String d : (path == null ? "/usr/sbin:/usr/bin:/sbin:/bin" : path).split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, binary)))
                return Path.of(d, binary).toString();
        }
        return null;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public RuntimeCapabilities capabilities() {
        return RuntimeCapabilities.REAL.withImagePulls();
    }

    @Override
    public void setListener(Consumer<String> podKeyChanged) {
        listener = podKeyChanged;
    }

    @Override
    public void setPullListener(ImagePullListener pulls) {
        pullListener = pulls == null ? ImagePullListener.NONE : pulls;
    }

    @Override
    public synchronized Optional<RuntimePod> pod(String uid) {
        RuncPod e = pods.get(uid);
        return e == null ? Optional.empty() : Optional.of(view(e));
    }

    @Override
    public void startContainer(Pod pod, Container container, SourcedEnv env) {
        RuncPod e;
        RuncSlot s;
        synchronized (this) {
            String uid = pod.getMetadata().getUid();
            if (!pods.containsKey(uid)) adopt(pod);
            e = pods.computeIfAbsent(uid, u -> newPod(pod));
            if (e.stopping) throw new IllegalStateException("pod " + e.key + " is stopping");
            e.pod = pod;
            s = e.slots.computeIfAbsent(container.getName(), this::newSlot);
            if (s.running() || s.preparing) return;
            if (s.state == RuntimeContainer.State.TERMINATED && s.runcId != null) s.last = s.terminated();
            s.spec = container;
            s.sourced = env;
            s.retry.reset();
            s.killAt = null;
            s.stopRequested = false;
            s.preparing = true;
        }
        attempt(e, s);
    }

    /**
     * One try at starting the slot's next instance; the caller set {@code s.preparing}. Called
     * without the lock. The pull listener hears of it: when a pull begins, and how the try ended.
     */
    private void attempt(RuncPod e, RuncSlot s) {
        Pod pod;
        Container c;
        synchronized (this) {
            pod = e.pod;
            c = s.spec;
        }
        ImagePullListener pulls = pullListener;
        PullTimer timer = new PullTimer(clock, () -> pulls.pulling(pod, c));
        PreparedImage image;
        RuntimeContainer after;
        try {
            image = images.prepare(pod, c, timer);
        } catch (ImageUnavailable | RuntimeException ex) {
            String reason = ex instanceof ImageUnavailable iu ? iu.reason() : ImageUnavailable.PULL_FAILED;
            synchronized (this) {
                s.preparing = false;
                s.image = c.getImage();
                String shown = ImageUnavailable.PULL_FAILED.equals(reason) && !s.retry.firstTry()
                        ? "ImagePullBackOff"
                        : reason;
                s.waitToRetry(shown, ex.getMessage(), clock.instant());
                after = s.view();
            }
            tell(pulls, pod, c, PullAttempt.failed(reason, ex.getMessage()), after);
            return;
        }
        synchronized (this) {
            s.preparing = false;
            if (!e.stopping && pods.get(e.uid) == e) new Launch(e, s, image).run();
            after = s.view();
        }
        tell(pulls, pod, c, timer.attempt(), after);
    }

    private void tell(ImagePullListener pulls, Pod pod, Container c, PullAttempt attempt, RuntimeContainer after) {
        try {
            pulls.tried(pod, c, attempt, after);
        } catch (RuntimeException ex) {
            LOG.warn("runc runtime pull listener failed for {}: {}", c.getName(), ex.toString());
        }
    }

    /** Starting one instance from its prepared image; runs under the runtime's lock. */
    private final class Launch {
        private final RuncPod e;
        private final RuncSlot s;
        private final PreparedImage image;

        Launch(RuncPod e, RuncSlot s, PreparedImage image) {
            this.e = e;
            this.s = s;
            this.image = image;
        }

        void run() {
            Instant now = clock.instant();
            Container c = s.spec;
            s.image = image.image();
            s.imageID = image.imageID();
            Path podDir = podDir(e.uid);
            try {
                sandbox(e);
            } catch (IOException | RuntimeException ex) {
                s.waitToRetry("ContainerCreating", "cannot set up the pod's sandbox: " + ex.getMessage(), now);
                return;
            }
            String volumeProblem = PodVolumes.prepare(e.pod, c, podDir.resolve("volumes"));
            if (volumeProblem != null) {
                s.waitToRetry("ContainerCreating", volumeProblem, now);
                return;
            }
            ImageUser user;
            Map<String, String> env;
            int n = Math.max(s.instance, latest(containerDir(e.uid, s.name))) + 1;
            String runcId = e.uid + "-" + s.name + "-" + n;
            Path dir = instanceDir(e.uid, s.name, n);
            ObjectNode spec;
            try {
                user = ImageUser.of(e.pod, c, image);
                env = ContainerEnv.of(e.pod, c, config.nodeName(), e.podIP, config.nodeIP(), s.sourced, image.env());
                spec = OciSpec.of(
                        e.pod,
                        c,
                        image,
                        new OciSpec.Inputs(
                                env,
                                user.uid(),
                                user.gid(),
                                dir.resolve("rootfs").toAbsolutePath(),
                                podDir.resolve("etc").toAbsolutePath(),
                                podDir.resolve("volumes").toAbsolutePath(),
                                e.netns,
                                hostIPC(e.pod) ? null : podDir.resolve("ipc").toAbsolutePath(),
                                cgroups.containerPath(e.uid, s.name, n),
                                hostCapabilities));
            } catch (IllegalArgumentException ex) {
                s.waitToRetry("CreateContainerConfigError", ex.getMessage(), now);
                return;
            }
            s.instance = n;
            s.runcId = runcId;
            s.retry.started();
            s.message = null;
            s.stopRequested = false;
            s.memoryLimit = spec.at("/linux/resources/memory/limit").asLong(0);
            try {
                start(dir, spec, now);
            } catch (IOException ex) {
                s.closePump();
                HostMounts.unmount(dir.resolve("rootfs"));
                s.startedAt = now;
                s.end(128, "StartError", now, "cannot start the container: " + ex.getMessage());
            }
        }

        private void start(Path dir, ObjectNode spec, Instant now) throws IOException {
            HostMounts.unmount(dir.resolve("rootfs"));
            deleteTree(dir);
            Files.createDirectories(dir);
            if (io.everynode.agent.StdinFifo.wanted(s.spec)) io.everynode.agent.StdinFifo.make(dir);
            HostMounts.overlay(image.layers(), dir.resolve("upper"), dir.resolve("work"), dir.resolve("rootfs"));
            Files.write(dir.resolve("config.json"), Json.bytes(spec));
            cgroups.prepare(e.uid, s.name, s.instance);
            Properties p = new Properties();
            p.setProperty("runcId", s.runcId);
            p.setProperty("image", s.image);
            p.setProperty("imageID", s.imageID);
            p.setProperty("startedAt", now.toString());
            p.setProperty("memoryLimit", Long.toString(s.memoryLimit));
            writeProperties(dir.resolve("state.properties"), p);
            Path log = log(e.uid, s.name, s.instance);
            Files.createDirectories(log.getParent());
            s.closePump();
            LogPump.makePipes(dir);
            Process proc = new ProcessBuilder(runc.runCommand(
                            dir.toAbsolutePath(), s.runcId, io.everynode.agent.StdinFifo.terminal(s.spec)))
                    .redirectErrorStream(true) // the supervisor's words before it holds the log pipes
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("supervisor.out").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            try {
                proc.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            long deadline = System.nanoTime() + START_WAIT.toNanos();
            awaitAny(deadline, dir.resolve("wrapper"), dir.resolve("exit"));
            // The supervisor holds the pipes: the pump reads from now on, runc's own errors too.
            s.pump = LogPump.start(dir, log, clock, s.runcId);
            awaitAny(deadline, dir.resolve("init.pid"), dir.resolve("exit"));
            s.wrapperPid = readLong(dir.resolve("wrapper"));
            s.state = RuntimeContainer.State.RUNNING;
            s.startedAt = now;
            s.finishedAt = null;
            s.exitCode = null;
            s.reason = null;
            if (!Files.exists(dir.resolve("init.pid"))) {
                // runc ended before the container ran: its words are the log's last line, once the pump has them
                s.pump.awaitFinished(START_WAIT);
                HostMounts.unmount(dir.resolve("rootfs"));
                s.end(128, "StartError", now, lastLine(log));
            }
            if (s.instance > 2) {
                deleteTree(instanceDir(e.uid, s.name, s.instance - 2));
                Files.deleteIfExists(log(e.uid, s.name, s.instance - 2));
            }
        }
    }

    /** Waits until one of {@code files} exists, until {@code deadline} ({@link System#nanoTime}). */
    private static void awaitAny(long deadline, Path... files) throws IOException {
        while (java.util.Arrays.stream(files).noneMatch(Files::exists)) {
            if (System.nanoTime() > deadline) throw new IOException("runc did not start the container in time");
            try {
                Thread.sleep(10);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    /** The pod's network, IPC namespace and /etc files, made on its first container's start. */
    private void sandbox(RuncPod e) throws IOException {
        if (e.podIP != null) return;
        Path podDir = podDir(e.uid);
        boolean hostNetwork = Boolean.TRUE.equals(e.pod.getSpec().getHostNetwork());
        List<String> ips;
        Path netns = null;
        if (hostNetwork) {
            ips = List.of(config.nodeIP());
        } else {
            PodNetwork.Attachment a = network.attach(
                    e.uid,
                    e.pod.getMetadata().getNamespace(),
                    e.pod.getMetadata().getName(),
                    PodVolumes.ports(e.pod));
            ips = a.ips();
            netns = a.netns();
        }
        if (!hostIPC(e.pod) && !HostMounts.mounted(podDir.resolve("ipc"))) HostMounts.pinIpc(podDir.resolve("ipc"));
        String ip = ips.get(0);
        PodEtcFiles.write(podDir.resolve("etc"), e.pod.getMetadata().getName(), ip, hostNetwork);
        Properties p = readProperties(podDir.resolve("pod.properties"));
        p.setProperty("podIP", ip);
        p.setProperty("podIPs", String.join(",", ips));
        if (netns != null) p.setProperty("netns", netns.toString());
        writeProperties(podDir.resolve("pod.properties"), p);
        e.podIP = ip;
        e.podIPs = ips;
        e.netns = netns;
    }

    @Override
    public synchronized void writeVolumes(Pod pod, List<VolumeContent> volumes) {
        if (volumes.isEmpty()) return;
        Path dir = podDir(pod.getMetadata().getUid()).resolve("volumes");
        Long fsGroup = PodVolumes.fsGroup(pod);
        for (VolumeContent v : volumes) {
            try {
                volumeWriter.write(dir.resolve(v.volume()), v.files());
                // Always the whole tree, whatever the change policy: an update writes new files under a root that
                // matches.
                if (fsGroup != null)
                    io.everynode.agent.process.FsGroupOwnership.apply(dir.resolve(v.volume()), fsGroup, true, false);
            } catch (IOException | IllegalArgumentException ex) {
                throw new UncheckedIOException(
                        "cannot write volume \"" + v.volume() + "\": " + ex.getMessage(),
                        ex instanceof IOException io ? io : new IOException(ex));
            }
        }
    }

    @Override
    public synchronized void stopPod(String uid, Duration grace) {
        RuncPod e = pods.get(uid);
        if (e == null) return;
        e.stopping = true;
        e.slots.values().removeIf(s -> s.state == RuntimeContainer.State.WAITING && !s.preparing);
        for (RuncSlot s : e.slots.values()) stop(s, grace);
    }

    @Override
    public synchronized void stopContainer(String uid, String container, Duration grace) {
        RuncPod e = pods.get(uid);
        RuncSlot s = e == null ? null : e.slots.get(container);
        if (s != null) stop(s, grace);
    }

    /** SIGTERM now, SIGKILL at {@code now + grace}; a second call keeps the earlier deadline. */
    private void stop(RuncSlot s, Duration grace) {
        if (!s.running()) return;
        Instant at = clock.instant().plus(grace.isNegative() ? Duration.ZERO : grace);
        if (s.killAt != null && !s.killAt.isAfter(at)) return;
        boolean first = s.killAt == null;
        s.killAt = at;
        s.stopRequested = true;
        if (grace.isZero() || grace.isNegative()) {
            runc.kill(s.runcId, "KILL", true);
        } else if (first) {
            runc.kill(s.runcId, "TERM", false);
        }
    }

    @Override
    public ExecResult exec(String uid, String container, List<String> command, Duration timeout) {
        String id;
        synchronized (this) {
            RuncPod e = pods.get(uid);
            RuncSlot s = e == null ? null : e.slots.get(container);
            if (s == null || !s.running())
                return new ExecResult(126, "container " + container + " is not running", false);
            id = s.runcId;
        }
        return runc.exec(id, command, timeout);
    }

    /**
     * The imageIDs of every container of the pods this runtime holds, running or exited (what
     * image garbage collection must keep, as the kubelet keeps the images of every container the
     * runtime knows: a crash-looping container restarts from its image, offline too).
     */
    public synchronized Set<String> imageIDsInUse() {
        Set<String> out = new LinkedHashSet<>();
        for (RuncPod e : pods.values())
            for (RuncSlot s : e.slots.values()) if (s.imageID != null && !s.imageID.isEmpty()) out.add(s.imageID);
        return out;
    }

    /** From the running instance's cgroup (see {@link ContainerCgroups#usage}); empty for a container that does not run. */
    @Override
    public Optional<io.everynode.api.metrics.Usage> usage(String uid, String container) {
        RuncSlot s;
        synchronized (this) {
            RuncPod e = pods.get(uid);
            s = e == null ? null : e.slots.get(container);
            if (s == null || !s.running()) return Optional.empty();
            return cgroups.usage(uid, container, s.instance);
        }
    }

    @Override
    public Process startExec(String uid, String container, List<String> command, boolean tty) {
        String id;
        synchronized (this) {
            RuncPod e = pods.get(uid);
            RuncSlot s = e == null ? null : e.slots.get(container);
            if (s == null || !s.running())
                throw new IllegalStateException("container " + container + " is not running");
            id = s.runcId;
        }
        return runc.startExec(id, command, tty);
    }

    /** The instance's stdin FIFO, if it has one, and its supervisor, under which a terminal's {@code script} runs. */
    @Override
    public synchronized io.everynode.agent.Attachment attach(String uid, String container) {
        RuncPod e = pods.get(uid);
        RuncSlot s = e == null ? null : e.slots.get(container);
        if (s == null || !s.running() || s.spec == null)
            throw new IllegalStateException("container " + container + " is not running");
        Path fifo = instanceDir(uid, container, s.instance).resolve(io.everynode.agent.StdinFifo.NAME);
        return new io.everynode.agent.Attachment(
                Files.exists(fifo) ? Optional.of(fifo) : Optional.empty(),
                io.everynode.agent.StdinFifo.terminal(s.spec) && s.wrapperPid > 0
                        ? ProcessHandle.of(s.wrapperPid)
                        : Optional.empty());
    }

    /** The pod's own IP; with hostNetwork, loopback (the pod shares this agent's network). */
    @Override
    public java.net.InetAddress portForwardAddress(String uid) {
        String ip;
        synchronized (this) {
            RuncPod e = pods.get(uid);
            if (e == null || e.podIP == null) throw new IllegalStateException("pod " + uid + " has no network yet");
            if (Boolean.TRUE.equals(e.pod.getSpec().getHostNetwork())) return java.net.InetAddress.getLoopbackAddress();
            ip = e.podIP;
        }
        try {
            return java.net.InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("the pod IP " + ip + " is not an address", e);
        }
    }

    @Override
    public Optional<Path> logFile(String uid, String container, boolean previous) {
        Path dir = podDir(uid).resolve("logs").resolve(container);
        int n = latestLog(dir);
        if (previous) n--;
        if (n < 1) return Optional.empty();
        Path p = dir.resolve(n + ".log");
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }

    @Override
    public void removePod(String uid) {
        synchronized (this) {
            RuncPod gone = pods.remove(uid);
            if (gone != null) gone.slots.values().forEach(RuncSlot::closePump);
        }
        for (String id : runc.list()) {
            if (!id.startsWith(uid + "-")) continue;
            runc.kill(id, "KILL", true);
            runc.delete(id);
        }
        Path podDir = podDir(uid);
        try (var names = Files.list(podDir.resolve("containers"))) {
            for (Path c : names.toList()) {
                try (var instances = Files.list(c)) {
                    for (Path i : instances.toList()) HostMounts.unmount(i.resolve("rootfs"));
                }
            }
        } catch (IOException ex) {
            // no containers were started
        }
        HostMounts.unmount(podDir.resolve("ipc"));
        try {
            network.detach(uid);
        } catch (RuntimeException ex) {
            LOG.warn("cannot remove the network of pod {}: {}", uid, ex.toString());
        }
        cgroups.removePod(uid);
        deleteTree(podDir);
    }

    /**
     * Removes every pod the node holds, known to this runtime, only on disk or only to runc, as
     * {@link #removePod} does (kills what runs, unmounts, removes networks and directories): for a
     * cluster that stops for good and leaves nothing behind on the machine ({@code up}'s Ctrl-C).
     */
    public void removeAll() {
        java.util.Set<String> uids = new java.util.LinkedHashSet<>();
        synchronized (this) {
            uids.addAll(pods.keySet());
        }
        try (var dirs = Files.list(config.rootDir().resolve("pods"))) {
            dirs.forEach(d -> uids.add(d.getFileName().toString()));
        } catch (IOException ex) {
            // no pod ever had a directory
        }
        for (String uid : uids) removePod(uid);
        // A removal an agent began and was interrupted in (its pod directory already gone, its
        // container not) leaves a container only runc knows: this root is the node's own, so
        // everything under it goes.
        for (String id : runc.list()) {
            runc.kill(id, "KILL", true);
            runc.delete(id);
        }
    }

    /**
     * After an agent restart, once the pods still bound to the node are known: removes every pod
     * on disk that is neither in {@code livePodUids} nor held by this runtime (started or adopted),
     * as {@link #removePod} does, then has the network {@link PodNetwork#sweep sweep} what is left
     * of pods that are gone. A pod deleted while its agent was down is never synced again, so
     * nothing else would stop its containers or free its address.
     */
    public void sweep(Set<String> livePodUids) {
        Set<String> keep = new java.util.HashSet<>(livePodUids);
        synchronized (this) {
            keep.addAll(pods.keySet());
        }
        try (var dirs = Files.list(config.rootDir().resolve("pods"))) {
            for (Path d : dirs.toList()) {
                String uid = d.getFileName().toString();
                if (keep.contains(uid)) continue;
                LOG.info("node {}: removing pod {}, which is gone", config.nodeName(), uid);
                removePod(uid);
            }
        } catch (IOException ex) {
            // no pod ever had a directory
        }
        try {
            network.sweep(keep);
        } catch (RuntimeException ex) {
            LOG.warn("node {}: sweeping pod networks failed: {}", config.nodeName(), ex.toString());
        }
    }

    @Override
    public synchronized Optional<RuntimePod> adopt(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (pods.containsKey(uid)) return pod(uid);
        Path podDir = podDir(uid);
        if (!Files.isDirectory(podDir)) return Optional.empty();
        RuncPod e = newPod(pod);
        Properties pp = readProperties(podDir.resolve("pod.properties"));
        e.podIP = pp.getProperty("podIP");
        String all = pp.getProperty("podIPs", e.podIP == null ? "" : e.podIP);
        e.podIPs = all.isEmpty() ? List.of() : List.of(all.split(","));
        e.netns = pp.getProperty("netns") == null ? null : Path.of(pp.getProperty("netns"));
        for (Container c : pod.getSpec().getContainers()) {
            int n = latest(containerDir(uid, c.getName()));
            if (n < 1) continue;
            RuncSlot s = load(e, c.getName(), n);
            if (s == null) continue;
            s.spec = c;
            adoptPump(uid, s);
            RuncSlot before = n > 1 ? load(e, c.getName(), n - 1) : null;
            if (before != null && before.state == RuntimeContainer.State.TERMINATED) s.last = before.terminated();
            e.slots.put(c.getName(), s);
        }
        if (e.slots.isEmpty()) return Optional.empty();
        pods.put(uid, e);
        return Optional.of(view(e));
    }

    /**
     * Reads on from the log pipes of an adopted instance (ended or not: its supervisor keeps what
     * the container wrote while no agent ran until a reader comes). Instances started before logs
     * were piped have none; their files stay as they are.
     */
    private void adoptPump(String uid, RuncSlot s) {
        Path dir = instanceDir(uid, s.name, s.instance);
        if (!LogPump.hasPipes(dir)) return;
        try {
            s.pump = LogPump.start(dir, log(uid, s.name, s.instance), clock, s.runcId);
        } catch (IOException ex) {
            LOG.warn("node {}: cannot read the log pipes of {}: {}", config.nodeName(), s.runcId, ex.toString());
        }
    }

    /**
     * Stops every container of every pod, as a machine shutting down does: SIGTERM, then SIGKILL
     * when {@code grace} has passed; blocks until they are gone (at most grace plus a few
     * seconds). Bundles and logs stay. {@code everynode up} calls it on Ctrl-C.
     */
    public void stopAll(Duration grace) {
        synchronized (this) {
            for (RuncPod e : pods.values()) for (RuncSlot s : e.slots.values()) stop(s, grace);
        }
        long deadline = System.nanoTime() + grace.plusSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            poll();
            synchronized (this) {
                boolean any = pods.values().stream()
                        .anyMatch(e -> e.slots.values().stream().anyMatch(RuncSlot::running));
                if (!any) return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops watching; what runs keeps running, for the next runtime over the same root to adopt; an empty node group goes. */
    @Override
    public void close() {
        watcher.shutdownNow();
        synchronized (this) {
            for (RuncPod e : pods.values()) e.slots.values().forEach(RuncSlot::closePump);
        }
        cgroups.removeNodeIfEmpty();
    }

    // ---- the watcher's pass ------------------------------------------------------------------

    /** One pass: ended instances, kill deadlines, retries of waiting containers. */
    void poll() {
        Set<String> changed = new LinkedHashSet<>();
        List<Object[]> due = new ArrayList<>();
        try {
            synchronized (this) {
                Instant now = clock.instant();
                for (RuncPod e : pods.values()) {
                    for (RuncSlot s : e.slots.values()) {
                        if (s.running()) {
                            if (ended(e, s, now, true)) {
                                changed.add(e.key);
                            } else if (s.killAt != null && !now.isBefore(s.killAt)) {
                                runc.kill(s.runcId, "KILL", true);
                            }
                        } else if (s.state == RuntimeContainer.State.WAITING
                                && !e.stopping
                                && !s.preparing
                                && s.spec != null
                                && s.retry.due(now)) {
                            s.preparing = true;
                            due.add(new Object[] {e, s});
                        }
                    }
                }
            }
            for (Object[] d : due) {
                attempt((RuncPod) d[0], (RuncSlot) d[1]);
                changed.add(((RuncPod) d[0]).key);
            }
        } catch (RuntimeException ex) {
            LOG.warn("runc runtime of node {}: poll failed: {}", config.nodeName(), ex.toString());
        }
        Consumer<String> l = listener;
        for (String key : changed) {
            try {
                l.accept(key);
            } catch (RuntimeException ex) {
                LOG.warn("runc runtime listener failed for {}: {}", key, ex.toString());
            }
        }
    }

    /**
     * Whether the slot's running instance has ended; if so records how. With {@code drainFirst} an
     * instance whose exit status is written counts as ended once its pump has read its output to
     * the end (or {@link #DRAIN_GRACE} has passed since), so a follower of its log sees all of it.
     */
    private boolean ended(RuncPod e, RuncSlot s, Instant now, boolean drainFirst) {
        Path dir = instanceDir(e.uid, s.name, s.instance);
        Path exit = dir.resolve("exit");
        Integer code = null;
        Instant at = now;
        if (Files.exists(exit) && drainFirst && s.pump != null && !s.pump.finished()) {
            if (s.exitSeenAt == null) s.exitSeenAt = now;
            if (now.isBefore(s.exitSeenAt.plus(DRAIN_GRACE))) return false;
        }
        if (Files.exists(exit)) {
            long v = readLong(exit);
            code = v < 0 ? 137 : (int) v;
            try {
                at = Files.getLastModifiedTime(exit).toInstant();
            } catch (IOException ex) {
                at = now;
            }
        } else if (!alive(s.wrapperPid, s.runcId)) {
            code = 137; // the supervisor was killed outright: no status was left
        }
        if (code == null) return false;
        String reason = code == 0 ? "Completed" : "Error";
        if (code == 137 && !s.stopRequested && cgroups.oomKilled(e.uid, s.name, s.instance, s.memoryLimit)) {
            reason = "OOMKilled";
        }
        if (at.isBefore(s.startedAt)) at = s.startedAt;
        s.end(code, reason, at, null);
        if (s.pump != null && s.pump.finished()) s.pump = null;
        HostMounts.unmount(dir.resolve("rootfs"));
        return true;
    }

    // ---- helpers -----------------------------------------------------------------------------

    private RuncSlot newSlot(String name) {
        return new RuncSlot(name, clock, retryInitial, RETRY_MAX);
    }

    private RuncPod newPod(Pod pod) {
        String uid = pod.getMetadata().getUid();
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        Path dir = podDir(uid);
        try {
            Files.createDirectories(dir);
            Properties p = readProperties(dir.resolve("pod.properties"));
            p.setProperty("key", key);
            writeProperties(dir.resolve("pod.properties"), p);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new RuncPod(uid, key, pod);
    }

    /** A saved instance as it stands now: running while its supervisor runs and left no exit status. */
    private RuncSlot load(RuncPod e, String container, int n) {
        Path dir = instanceDir(e.uid, container, n);
        Properties p = readProperties(dir.resolve("state.properties"));
        if (p.getProperty("runcId") == null) return null;
        RuncSlot s = newSlot(container);
        s.instance = n;
        s.runcId = p.getProperty("runcId");
        s.image = p.getProperty("image");
        s.imageID = p.getProperty("imageID", "");
        s.startedAt = Instant.parse(p.getProperty("startedAt"));
        s.memoryLimit = Long.parseLong(p.getProperty("memoryLimit", "0"));
        s.wrapperPid = readLong(dir.resolve("wrapper"));
        s.state = RuntimeContainer.State.RUNNING;
        ended(e, s, clock.instant(), false);
        return s;
    }

    private RuntimePod view(RuncPod e) {
        Map<String, RuntimeContainer> out = new LinkedHashMap<>();
        long memory = 0;
        for (RuncSlot s : e.slots.values()) {
            out.put(s.name, s.view());
            if (s.running()) memory += cgroups.memoryUsage(e.uid, s.name, s.instance);
        }
        return new RuntimePod(e.uid, e.key, e.podIPs, out, memory, e.stopping);
    }

    private static boolean hostIPC(Pod pod) {
        return Boolean.TRUE.equals(pod.getSpec().getHostIPC());
    }

    /** Whether {@code pid} still is the supervisor of {@code runcId}. */
    private static boolean alive(long pid, String runcId) {
        if (pid <= 0) return false;
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
            return cmdline.contains("everynode-runc") && cmdline.contains(runcId);
        } catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    private Path podDir(String uid) {
        return config.rootDir().resolve("pods").resolve(uid);
    }

    private Path containerDir(String uid, String container) {
        return podDir(uid).resolve("containers").resolve(container);
    }

    private Path instanceDir(String uid, String container, int n) {
        return containerDir(uid, container).resolve(Integer.toString(n));
    }

    private Path log(String uid, String container, int n) {
        return podDir(uid).resolve("logs").resolve(container).resolve(n + ".log");
    }

    private static int latest(Path dir) {
        int max = 0;
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && !name.isEmpty())
                    max = Math.max(max, Integer.parseInt(name));
            }
        } catch (IOException | RuntimeException e) {
            return max;
        }
        return max;
    }

    private static int latestLog(Path dir) {
        int max = 0;
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".log")) continue;
                try {
                    max = Math.max(max, Integer.parseInt(name.substring(0, name.length() - 4)));
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return max;
    }

    private static long readLong(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String lastLine(Path log) {
        try {
            String line = CriLines.lastLine(log);
            if (line != null) return line;
        } catch (IOException e) {
            // no log
        }
        return "runc could not start the container";
    }

    private static Properties readProperties(Path file) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            // absent: empty
        }
        return p;
    }

    private static void writeProperties(Path file, Properties p) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try (var out = Files.newOutputStream(tmp)) {
            p.store(out, null);
        }
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes a tree without following links or entering mounted root filesystems. */
    static void deleteTree(Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(
                        Path d, java.nio.file.attribute.BasicFileAttributes a) {
                    return HostMounts.mounted(d)
                            ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                            : java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a)
                        throws IOException {
                    Files.deleteIfExists(f);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult postVisitDirectory(Path d, IOException ex) {
                    d.toFile().delete();
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", root, e.toString());
        }
    }
}

package io.everynode.agent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A runtime that runs nothing: each container moves through stages in time (waiting, then
 * running after the start delay, then ready after the ready delay, each plus up to {@code jitter}),
 * so thousands of nodes fit in one JVM. A container's state is a function of the clock and its
 * stage times; timers only tell the agent that a stage was reached.
 *
 * <p>Annotations on the pod steer it: {@code everynode.io/simulate-fail: "true"} (annotation or
 * label) makes every
 * container exit with code 1 {@code failAfter} after it started running;
 * {@code everynode.io/simulate-memory: 300Mi} is the pod's memory use.
 */
public final class SimulatedRuntime implements ContainerRuntime {
    public static final String NAME = "simulated";
    public static final String VERSION = "0.1.0";
    public static final String FAIL_ANNOTATION = "everynode.io/simulate-fail";
    public static final String MEMORY_ANNOTATION = "everynode.io/simulate-memory";

    /**
     * Stage timings.
     *
     * @param startDelay from start to running
     * @param readyDelay from running to ready
     * @param jitter up to this much is added to each delay, at random
     * @param failAfter how long a failing container runs before it exits with code 1
     * @param stopDelay how long a container takes to exit once stopped (capped by the grace period)
     * @param logDir where each container instance gets a small log (a line when it starts running,
     *     one when it ends, in the CRI log format), so {@code kubectl logs} has something to show; null keeps no logs
     *     (the default: a fleet of thousands writes no files)
     */
    public record Config(
            Duration startDelay,
            Duration readyDelay,
            Duration jitter,
            Duration failAfter,
            Duration stopDelay,
            Path logDir) {
        /** Stage timings, no logs. */
        public Config(
                Duration startDelay, Duration readyDelay, Duration jitter, Duration failAfter, Duration stopDelay) {
            this(startDelay, readyDelay, jitter, failAfter, stopDelay, null);
        }

        /** Quick stages: a pod is ready a few hundred milliseconds after it is bound. No logs. */
        public static Config defaults() {
            return new Config(
                    Duration.ofMillis(100),
                    Duration.ofMillis(100),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1),
                    Duration.ofMillis(100));
        }

        /** These timings, with container logs under {@code dir} (null: none). */
        public Config withLogDir(Path dir) {
            return new Config(startDelay, readyDelay, jitter, failAfter, stopDelay, dir);
        }
    }

    /** One container instance: its stage times decide its state at any moment. */
    private record Instance(
            String id,
            String image,
            String imageID,
            Instant runningAt,
            Instant readyAt,
            Instant failAt,
            Instant stopAt,
            RuntimeContainer.Terminated last) {
        RuntimeContainer at(String name, Instant now) {
            Instant end = earliest(failAt, stopAt);
            if (end != null && !now.isBefore(end)) {
                boolean failed = failAt != null && !failAt.isAfter(end);
                Instant started = runningAt.isAfter(end) ? end : runningAt;
                return new RuntimeContainer(
                        name,
                        id,
                        image,
                        imageID,
                        RuntimeContainer.State.TERMINATED,
                        false,
                        started,
                        end,
                        failed ? 1 : 0,
                        failed ? "Error" : "Completed",
                        last);
            }
            if (!now.isBefore(runningAt)) {
                return new RuntimeContainer(
                        name,
                        id,
                        image,
                        imageID,
                        RuntimeContainer.State.RUNNING,
                        !now.isBefore(readyAt),
                        runningAt,
                        null,
                        null,
                        null,
                        last);
            }
            return new RuntimeContainer(
                    name,
                    id,
                    image,
                    imageID,
                    RuntimeContainer.State.WAITING,
                    false,
                    null,
                    null,
                    null,
                    "ContainerCreating",
                    last);
        }
    }

    private static final class Sandbox {
        final String uid;
        final String key;
        final String ip;
        final long memory;
        final boolean fail;
        final Map<String, Instance> containers = new LinkedHashMap<>();
        boolean stopping;
        /** Container name → log file of each instance, oldest first (with a log directory only). */
        final Map<String, java.util.List<Path>> logs = new HashMap<>();
        /** Instance IDs whose start, and whose end, line was written. */
        final java.util.Set<String> startLogged = new java.util.HashSet<>();

        final java.util.Set<String> endLogged = new java.util.HashSet<>();
        /** Container name → its requests, {cpu millicores, memory bytes}: what its usage simulates. */
        final Map<String, long[]> requests = new HashMap<>();

        Sandbox(String uid, String key, String ip, long memory, boolean fail) {
            this.uid = uid;
            this.key = key;
            this.ip = ip;
            this.memory = memory;
            this.fail = fail;
        }
    }

    private final Config config;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final boolean ownTimers;
    private final Random random;
    private final String hostIP;
    private final String ipPrefix;
    private final Map<String, Sandbox> pods = new HashMap<>();
    private volatile Consumer<String> listener = k -> {};
    private int nextIp;
    private long nextId;

    /** A runtime with a timer thread of its own, for one agent. */
    public SimulatedRuntime(Config config, Clock clock, String nodeName) {
        this(config, clock, newTimers(), true, nodeName, "127.0.0.1");
    }

    /** A runtime on shared timers (a fleet); {@link #close()} leaves them running. */
    public SimulatedRuntime(
            Config config, Clock clock, ScheduledExecutorService timers, String nodeName, String hostIP) {
        this(config, clock, timers, false, nodeName, hostIP);
    }

    private SimulatedRuntime(
            Config config,
            Clock clock,
            ScheduledExecutorService timers,
            boolean ownTimers,
            String nodeName,
            String hostIP) {
        this.config = config;
        this.clock = clock;
        this.timers = timers;
        this.ownTimers = ownTimers;
        this.random = new Random(nodeName.hashCode());
        this.hostIP = hostIP;
        // Pod IPs look like a per-node /24 of 10.0.0.0/8: distinct per node name in practice, never checked.
        int h = nodeName.hashCode() & 0xffff;
        this.ipPrefix = "10." + (h >> 8) + "." + (h & 0xff) + ".";
    }

    private static ScheduledExecutorService newTimers() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "simulated-runtime");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Made-up pod IPs and memory, scripted execs; logs only with a {@link Config#logDir()}. */
    @Override
    public RuntimeCapabilities capabilities() {
        return new RuntimeCapabilities(false, false, false, config.logDir() != null, false);
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void setListener(Consumer<String> podKeyChanged) {
        listener = podKeyChanged;
    }

    @Override
    public synchronized Optional<RuntimePod> pod(String uid) {
        Sandbox s = pods.get(uid);
        return s == null ? Optional.empty() : Optional.of(view(s, clock.instant()));
    }

    /** The environment is not used: nothing runs (the agent has checked its sources exist). */
    @Override
    public synchronized void startContainer(Pod pod, Container container, SourcedEnv env) {
        Sandbox s = pods.computeIfAbsent(pod.getMetadata().getUid(), uid -> newSandbox(pod));
        if (s.stopping) throw new IllegalStateException("pod " + s.key + " is stopping");
        Instant now = clock.instant();
        Instance previous = s.containers.get(container.getName());
        RuntimeContainer.Terminated last =
                previous == null ? null : previous.at(container.getName(), now).asTerminated();
        Instant running = now.plus(config.startDelay()).plus(jitter());
        Instant ready = running.plus(config.readyDelay()).plus(jitter());
        Instant fail = s.fail ? running.plus(config.failAfter()) : null;
        String id = NAME + "://" + String.format("%016x", ++nextId ^ ((long) s.uid.hashCode() << 32));
        s.requests.put(container.getName(), requestsOf(container));
        s.containers.put(
                container.getName(),
                new Instance(
                        id, container.getImage(), imageId(container.getImage()), running, ready, fail, null, last));
        notifyAt(s.key, running);
        notifyAt(s.key, ready);
        if (fail != null) notifyAt(s.key, fail);
        if (config.logDir() != null) {
            Path file = config.logDir()
                    .resolve(pod.getMetadata().getNamespace() + "_"
                            + pod.getMetadata().getName() + "_" + s.uid)
                    .resolve(container.getName())
                    .resolve(s.logs.getOrDefault(container.getName(), java.util.List.of())
                                    .size() + ".log");
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, new byte[0]);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the log " + file, e);
            }
            s.logs.computeIfAbsent(container.getName(), n -> new java.util.ArrayList<>())
                    .add(file);
            logAt(s, container.getName(), running);
            if (fail != null) logAt(s, container.getName(), fail);
        }
    }

    @Override
    public synchronized void stopPod(String uid, Duration grace) {
        Sandbox s = pods.get(uid);
        if (s == null) return;
        s.stopping = true;
        Instant now = clock.instant();
        Duration d = config.stopDelay().compareTo(grace) < 0 ? config.stopDelay() : grace;
        Instant at = now.plus(d);
        s.containers.replaceAll((name, i) -> i.stopAt() != null && !i.stopAt().isAfter(at)
                ? i
                : new Instance(i.id(), i.image(), i.imageID(), i.runningAt(), i.readyAt(), i.failAt(), at, i.last()));
        notifyAt(s.key, at);
        for (String name : s.containers.keySet()) logAt(s, name, at);
    }

    @Override
    public synchronized void stopContainer(String uid, String container, Duration grace) {
        Sandbox s = pods.get(uid);
        Instance i = s == null ? null : s.containers.get(container);
        if (i == null) return;
        Instant now = clock.instant();
        if (i.at(container, now).state() == RuntimeContainer.State.TERMINATED) return;
        Duration d = config.stopDelay().compareTo(grace) < 0 ? config.stopDelay() : grace;
        Instant at = now.plus(d);
        if (i.stopAt() != null && !i.stopAt().isAfter(at)) return;
        s.containers.put(
                container,
                new Instance(i.id(), i.image(), i.imageID(), i.runningAt(), i.readyAt(), i.failAt(), at, i.last()));
        notifyAt(s.key, at);
        logAt(s, container, at);
    }

    /**
     * A simulated container runs nothing: a command "succeeds" (exit 0) while the container runs,
     * else exits 126; except {@code false} (or a path ending in {@code /false}), which exits 1 as
     * the real one does, so tests and demos can make an exec probe fail.
     */
    @Override
    public synchronized ExecResult exec(
            String uid, String container, java.util.List<String> command, Duration timeout) {
        Sandbox s = pods.get(uid);
        Instance i = s == null ? null : s.containers.get(container);
        boolean running = i != null && i.at(container, clock.instant()).state() == RuntimeContainer.State.RUNNING;
        if (!running) return new ExecResult(126, "container " + container + " is not running", false);
        String first = command.isEmpty() ? "" : command.get(0);
        return first.equals("false") || first.endsWith("/false")
                ? new ExecResult(1, "", false)
                : new ExecResult(0, "", false);
    }

    /**
     * A running container's simulated usage: CPU at its request's rate since it started running,
     * memory its share of the pod's {@code everynode.io/simulate-memory} (split evenly between the
     * pod's running containers) or, without that annotation, its memory request. A container
     * without requests uses nothing.
     */
    @Override
    public synchronized Optional<io.everynode.api.metrics.Usage> usage(String uid, String container) {
        Sandbox s = pods.get(uid);
        Instance i = s == null ? null : s.containers.get(container);
        // Whole milliseconds, as the collector stamps its readings, so a rate between two readings is the request
        // exactly.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        if (i == null || i.at(container, now).state() != RuntimeContainer.State.RUNNING) return Optional.empty();
        long[] req = s.requests.getOrDefault(container, new long[2]);
        long ranNanos = Duration.between(i.runningAt(), now).toNanos();
        long memory = req[1];
        if (s.memory > 0) {
            long runningCount = s.containers.entrySet().stream()
                    .filter(e -> e.getValue().at(e.getKey(), now).state() == RuntimeContainer.State.RUNNING)
                    .count();
            memory = s.memory / Math.max(1, runningCount);
        }
        return Optional.of(new io.everynode.api.metrics.Usage(
                java.math.BigInteger.valueOf(req[0])
                        .multiply(java.math.BigInteger.valueOf(Math.max(0, ranNanos)))
                        .divide(java.math.BigInteger.valueOf(1000))
                        .longValue(),
                memory));
    }

    /** {cpu millicores, memory bytes} of the container's requests (0 for none). */
    private static long[] requestsOf(Container c) {
        Map<String, Quantity> r =
                c.getResources() == null ? null : c.getResources().getRequests();
        if (r == null) return new long[2];
        return new long[] {amount(r.get("cpu"), 1000), amount(r.get("memory"), 1)};
    }

    private static long amount(Quantity q, long scale) {
        if (q == null) return 0;
        try {
            return Quantity.getAmountInBytes(q)
                    .multiply(java.math.BigDecimal.valueOf(scale))
                    .longValue();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** With a log directory: the instance's small log (see {@link Config#logDir()}); without, none. */
    @Override
    public synchronized Optional<Path> logFile(String uid, String container, boolean previous) {
        Sandbox s = pods.get(uid);
        java.util.List<Path> files = s == null ? null : s.logs.get(container);
        int at = files == null ? -1 : files.size() - (previous ? 2 : 1);
        return at < 0 ? Optional.empty() : Optional.of(files.get(at));
    }

    /** Forgets the pod and removes its logs, as the kubelet does with a removed pod's. */
    @Override
    public synchronized void removePod(String uid) {
        Sandbox s = pods.remove(uid);
        if (s == null || s.logs.isEmpty()) return;
        Path dir = s.logs.values().iterator().next().get(0).getParent().getParent();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover log directory harms nothing
        }
    }

    /** Writes the container's start and end lines once their moments have come (with a log directory only). */
    private void logAt(Sandbox s, String container, Instant at) {
        if (config.logDir() == null) return;
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis()) + 1;
        try {
            timers.schedule(() -> writeLogLines(s, container), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private synchronized void writeLogLines(Sandbox s, String container) {
        Instance i = s.containers.get(container);
        java.util.List<Path> files = s.logs.get(container);
        if (i == null || files == null || pods.get(s.uid) != s) return;
        RuntimeContainer c = i.at(container, clock.instant());
        Path file = files.get(files.size() - 1);
        boolean ran = c.state() == RuntimeContainer.State.RUNNING
                || (c.state() == RuntimeContainer.State.TERMINATED
                        && i.runningAt().isBefore(c.finishedAt()));
        if (ran && s.startLogged.add(i.id())) {
            append(file, "simulated container " + container + " started (image " + i.image() + ")");
        }
        if (c.state() == RuntimeContainer.State.TERMINATED && s.endLogged.add(i.id())) {
            append(
                    file,
                    "simulated container " + container + " exited with code " + c.exitCode() + " (" + c.reason() + ")");
        }
    }

    /** Appends {@code line} as a stdout entry in the CRI log format, stamped now, as the real runtimes' files are. */
    private void append(Path file, String line) {
        byte[] entry = new io.everynode.agent.crilog.CriEntry(
                        clock.instant(),
                        io.everynode.agent.crilog.CriStream.STDOUT,
                        false,
                        line.getBytes(StandardCharsets.UTF_8))
                .encode();
        try {
            Files.write(file, entry, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a courtesy of the simulation: a lost line is no failure of the pod
        }
    }

    @Override
    public synchronized Optional<RuntimePod> adopt(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (pods.containsKey(uid)) return pod(uid);
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) return Optional.empty();
        Sandbox s = null;
        for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
            if (cs.getState() == null || cs.getState().getRunning() == null || cs.getContainerID() == null) continue;
            Instant started = parse(cs.getState().getRunning().getStartedAt());
            if (s == null) s = new Sandbox(uid, keyOf(pod), podIP(pod), memoryOf(pod), isFailing(pod));
            // A simulated process that was running is still running: the stages it passed stay passed.
            s.containers.put(
                    cs.getName(),
                    new Instance(
                            cs.getContainerID(),
                            cs.getImage(),
                            imageId(cs.getImage()),
                            started,
                            started,
                            s.fail ? clock.instant().plus(config.failAfter()) : null,
                            null,
                            null));
        }
        if (s == null) return Optional.empty();
        for (Container c : pod.getSpec().getContainers()) s.requests.put(c.getName(), requestsOf(c));
        pods.put(uid, s);
        return Optional.of(view(s, clock.instant()));
    }

    @Override
    public void close() {
        if (ownTimers) timers.shutdownNow();
    }

    // ---- plumbing ----------------------------------------------------------------------------

    private Sandbox newSandbox(Pod pod) {
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        String ip = hostNetwork ? hostIP : ipPrefix + (2 + (nextIp++ % 250));
        return new Sandbox(pod.getMetadata().getUid(), keyOf(pod), ip, memoryOf(pod), isFailing(pod));
    }

    private String podIP(Pod pod) {
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        return ip != null ? ip : ipPrefix + (2 + (nextIp++ % 250));
    }

    private RuntimePod view(Sandbox s, Instant now) {
        Map<String, RuntimeContainer> out = new LinkedHashMap<>();
        s.containers.forEach((name, i) -> out.put(name, i.at(name, now)));
        return new RuntimePod(s.uid, s.key, s.ip, out, s.memory, s.stopping);
    }

    private Duration jitter() {
        long max = config.jitter().toMillis();
        return max <= 0 ? Duration.ZERO : Duration.ofMillis((long) (random.nextDouble() * max));
    }

    /** Tells the listener when {@code at} comes; a millisecond late, so the clock has passed it. */
    private void notifyAt(String key, Instant at) {
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis()) + 1;
        try {
            timers.schedule(() -> listener.accept(key), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    static String keyOf(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    /** Failure is injected by the annotation or by a label of the same name (a label can also select the failing pods). */
    private static boolean isFailing(Pod pod) {
        Map<String, String> a = pod.getMetadata().getAnnotations();
        Map<String, String> l = pod.getMetadata().getLabels();
        return (a != null && "true".equalsIgnoreCase(a.get(FAIL_ANNOTATION)))
                || (l != null && "true".equalsIgnoreCase(l.get(FAIL_ANNOTATION)));
    }

    private static long memoryOf(Pod pod) {
        Map<String, String> a = pod.getMetadata().getAnnotations();
        String v = a == null ? null : a.get(MEMORY_ANNOTATION);
        if (v == null) return 0;
        try {
            return Quantity.getAmountInBytes(new Quantity(v)).longValue();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isBefore(b) ? a : b;
    }

    private static Instant parse(String t) {
        try {
            return t == null ? Instant.EPOCH : Instant.parse(t);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    static String imageId(String image) {
        return "simulated://sha256:"
                + String.format("%064x", new java.math.BigInteger(1, image == null ? new byte[0] : sha(image)));
    }

    private static byte[] sha(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.everynode.agent;

import io.everynode.agent.eviction.ActivePod;
import io.everynode.agent.eviction.EvictedStatus;
import io.everynode.agent.eviction.EvictionManager;
import io.everynode.agent.eviction.MemorySignal;
import io.everynode.agent.logs.LogEndpoint;
import io.everynode.agent.probe.ProbeManager;
import io.everynode.agent.probe.ProbeView;
import io.everynode.api.Pods;
import io.everynode.api.json.Json;
import io.everynode.client.ApiError;
import io.everynode.client.Backoff;
import io.everynode.client.EventRecorder;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The node agent (Everynode's kubelet): registers its Node, keeps its Lease and status fresh,
 * and runs the pods bound to it through a {@link ContainerRuntime}, reporting their status.
 *
 * <pre>{@code
 * NodeAgent agent = NodeAgent.start(KubeClient.http(uri), AgentConfig.defaults("node-1"),
 *         new SimulatedRuntime(SimulatedRuntime.Config.defaults(), clock, "node-1"), clock);
 * ...
 * agent.close();   // stops reporting; the runtime keeps running what it runs
 * }</pre>
 *
 * <p>The sync loop (design.md rule 1): pod events and runtime changes put the pod's key on a
 * work queue; {@link #syncPod} reconciles one pod from the cache and the runtime, deciding first
 * ({@link PodPlan}) and acting after, and is safe to run any number of times. A restarted agent
 * adopts what its runtime still runs, so running pods keep running without a restart.
 */
public final class NodeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

    /**
     * How soon a pod waiting for a ConfigMap or Secret is looked at again even if no event says
     * it appeared (the informer's events normally wake it at once).
     */
    static final Duration SOURCE_RETRY = Duration.ofSeconds(10);
    /** The soonest a pod is synced again for a token refresh (one that failed is retried this often). */
    static final Duration TOKEN_RETRY = Duration.ofSeconds(1);

    private final AgentHost host;
    private final boolean ownsHost;
    private final AgentConfig config;
    private final ContainerRuntime runtime;
    private final Clock clock;
    /** What this agent calls the API with: as its node. */
    private final KubeClient client;

    private final Heartbeat heartbeat;
    private final EventRecorder events;
    private final ProbeManager probes;
    /** CrashLoopBackOff per pod uid + "/" + container name. */
    private final Backoff<String> backoff;
    /** Pod key → uid of the pod the runtime runs under that key. Touched by one worker per key. */
    private final Map<String, String> running = new ConcurrentHashMap<>();
    /** Pod uid → what the agent keeps of the pod. */
    private final Map<String, PodRecord> records = new ConcurrentHashMap<>();

    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private final EvictionManager eviction;
    /** The usage report for {@code kubectl top} (package {@code stats}). */
    private final io.everynode.agent.stats.UsageReporter usage;

    private volatile boolean closed;

    NodeAgent(AgentHost host, boolean ownsHost, AgentConfig config, ContainerRuntime runtime) {
        this(host, ownsHost, config, runtime, defaultMemorySignal(config, runtime));
    }

    /** With {@code memory} as the eviction manager's {@code memory.available} signal (tests hand in a fake). */
    NodeAgent(AgentHost host, boolean ownsHost, AgentConfig config, ContainerRuntime runtime, MemorySignal memory) {
        this.host = host;
        this.ownsHost = ownsHost;
        this.config = config;
        this.runtime = runtime;
        this.clock = host.clock;
        this.backoff = PodPlan.crashLoopBackoff(clock);
        this.events = host.events;
        this.eviction = new EvictionManager(config.eviction(), memory, clock, new EvictionHost());
        this.client = host.client(config.nodeName());
        this.usage = new io.everynode.agent.stats.UsageReporter(
                new io.everynode.agent.stats.UsageCollector(
                        config.nodeName(),
                        runtime,
                        runtime.capabilities().realMemory()
                                ? io.everynode.agent.stats.NodeUsageSource.machine()
                                : io.everynode.agent.stats.NodeUsageSource.podSum(),
                        clock),
                () -> List.copyOf(running.values()),
                client::reportUsage);
        this.heartbeat = new Heartbeat(client, config, runtime, clock, eviction::memoryPressure, host.logPort());
        this.probes = new ProbeManager(
                runtime,
                host.probers,
                host.timers,
                clock,
                new ProbeManager.Listener() {
                    @Override
                    public void changed(String podKey) {
                        if (!closed) host.enqueue(config.nodeName(), podKey);
                    }

                    @Override
                    public void event(Pod pod, String type, String reason, String message) {
                        if (!closed) events.record(pod, type, reason, message);
                    }
                },
                !runtime.capabilities().realNetwork());
    }

    /**
     * A runtime without real memory (the simulated one): the node's memory is its allocatable
     * memory minus its pods' simulated use; otherwise the machine's memory (or the agent's cgroup) counts.
     */
    static MemorySignal defaultMemorySignal(AgentConfig config, ContainerRuntime runtime) {
        if (!runtime.capabilities().realMemory()) {
            return MemorySignal.podSum(
                    Quantity.getAmountInBytes(config.capacity().get("memory")).longValue());
        }
        return MemorySignal.machine();
    }

    /**
     * Starts a lone agent with threads of its own: registers the Node (synchronously; an
     * {@link ApiError} or {@link java.io.UncheckedIOException} when the server refuses or cannot
     * be reached), then heartbeats and runs the pods bound to it.
     */
    public static NodeAgent start(KubeClient client, AgentConfig config, ContainerRuntime runtime, Clock clock) {
        return start(client, config, runtime, clock, "127.0.0.1", 0);
    }

    /**
     * As {@link #start(KubeClient, AgentConfig, ContainerRuntime, Clock)}, with the log endpoint
     * ({@code kubectl logs} through the API server) on {@code logBind:logPort}; port 0 picks a
     * free one, a null {@code logBind} serves no logs. The API server reaches it at the node's
     * InternalIP ({@code config.hostIP()}), so {@code logBind} should be that address or a wildcard.
     */
    public static NodeAgent start(
            KubeClient client, AgentConfig config, ContainerRuntime runtime, Clock clock, String logBind, int logPort) {
        return start(client, config, runtime, clock, logBind == null ? null : LogEndpoint.direct(logBind, logPort));
    }

    /**
     * As {@link #start(KubeClient, AgentConfig, ContainerRuntime, Clock)}, serving logs as
     * {@code logs} says (null: none). The Node advertises the port the API server reaches them at,
     * with the node's InternalIP, in {@code status.daemonEndpoints.kubeletEndpoint.Port}.
     */
    public static NodeAgent start(
            KubeClient client, AgentConfig config, ContainerRuntime runtime, Clock clock, LogEndpoint logs) {
        Informer<Pod> pods = new Informer<>(
                client,
                Pod.class,
                null,
                new ListOptionsBuilder()
                        .withFieldSelector("spec.nodeName=" + config.nodeName())
                        .build());
        AgentHost host = new AgentHost(client, NodeClients.shared(client), clock, pods, 2, 1);
        NodeAgent agent;
        try {
            if (logs != null) host.serveLogs(logs, config.hostIP());
            agent = new NodeAgent(host, true, config, runtime);
            agent.begin();
            host.start();
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
        return agent;
    }

    public String nodeName() {
        return config.nodeName();
    }

    public AgentConfig config() {
        return config;
    }

    /** Registers, then schedules the heartbeats (first ones at a random point of their interval) and attaches to the host. */
    void begin() {
        heartbeat.register();
        runtime.setListener(key -> {
            if (!closed) host.enqueue(config.nodeName(), key);
        });
        runtime.setPullListener(new PullEventsListener());
        schedule(heartbeat::renewLease, config.leaseRenewInterval(), "renewing the Lease");
        schedule(heartbeat::postStatus, config.statusUpdateInterval(), "posting node status");
        if (config.eviction().enabled())
            schedule(eviction::pass, config.eviction().passPeriod(), "the eviction pass");
        schedule(usage::report, config.usageReportInterval(), "reporting usage");
        host.attach(this);
    }

    private void schedule(Runnable task, Duration every, String what) {
        long period = every.toMillis();
        long first = ThreadLocalRandom.current().nextLong(Math.max(1, period));
        synchronized (timers) {
            timers.add(PeriodicTask.schedule(
                    host.timers,
                    () -> {
                        if (closed) return;
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            LOG.warn("node {}: {} failed: {}", config.nodeName(), what, e.toString());
                        }
                    },
                    Duration.ofMillis(first),
                    every));
        }
    }

    /** Stops heartbeats and syncing. The runtime is left as it is: what runs keeps running, for the next agent to adopt. */
    @Override
    public void close() {
        closed = true;
        synchronized (timers) {
            for (ScheduledFuture<?> f : timers) f.cancel(false);
        }
        host.detach(this);
        probes.close();
        runtime.setListener(k -> {});
        runtime.setPullListener(ImagePullListener.NONE);
        if (ownsHost) host.close();
    }

    // ---- the sync loop -----------------------------------------------------------------------

    /**
     * Reconciles the pod under {@code key} (namespace/name). Answers when to look again (a
     * back-off ending, a grace period running out), or empty when only an event need wake it.
     */
    Optional<Duration> syncPod(String key) {
        if (closed) return Optional.empty();
        Instant now = clock.instant();
        Pod pod = host.pod(key)
                .filter(p -> config.nodeName().equals(p.getSpec().getNodeName()))
                .orElse(null);
        String runningUid = running.get(key);
        if (runningUid != null
                && (pod == null || !runningUid.equals(pod.getMetadata().getUid()))) {
            // Deleted without us (a forced delete), or replaced by a new pod of the same name.
            forget(key, runningUid);
        }
        if (pod == null) return Optional.empty();
        String uid = pod.getMetadata().getUid();
        RuntimePod rp = runtime.pod(uid).orElse(null);
        if (rp == null && runningUid == null && reportedStarted(pod)) {
            rp = runtime.adopt(pod).orElse(null);
            if (rp != null) {
                Map<String, Integer> counts = record(uid).restarts; // the status's counts replace ours
                counts.clear();
                counts.putAll(reportedRestarts(pod));
                // Adopted containers are taken to run their spec (an image changed while no agent
                // ran is seen at the container's next start).
                for (Container c : pod.getSpec().getContainers()) {
                    if (rp.containers().containsKey(c.getName()))
                        record(uid).startedImages.put(c.getName(), c.getImage());
                }
            }
        }
        if (rp != null) running.put(key, uid);
        if (pod.getMetadata().getDeletionTimestamp() != null) return terminate(key, pod, rp, now);
        String evictedFor = evictedFor(uid);
        if (evictedFor != null) return evicted(pod, rp, evictedFor, now);
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (Pods.isTerminalPhase(phase)) {
            // Terminal is terminal: nothing of the pod starts again (an evicted pod after an agent restart, say).
            if (rp != null && !rp.allTerminated() && !rp.stopping()) runtime.stopPod(uid, Duration.ZERO);
            return Optional.empty();
        }

        PodRecord rec = record(uid);
        PodPlan plan = PodPlan.decide(pod, rp, backoff, now, probes.views(uid), rec.probeKilled, rec.startedImages);
        Map<String, Integer> counts = rec.restarts;
        for (PodPlan.Kill k : plan.kill()) {
            String name = k.container().getName();
            // The kubelet's liveness restart: events first, then the stop; the exit comes back
            // through the runtime's listener and the restartPolicy decides what follows.
            events.normal(
                    pod, "Killing", "Container " + name + " failed " + k.probe().lower() + " probe, will be restarted");
            RuntimeContainer victim = rp.containers().get(name);
            if (victim != null) rec.probeKilled.add(victim.id());
            runtime.stopContainer(uid, name, killGrace(pod, k));
            probes.killed(uid, name);
        }
        for (Container c : plan.replace()) {
            // E6.2, the kubelet's in-place restart: this container only, the pod's others keep
            // running. Asked once per instance; the stop's exit comes back through the listener.
            RuntimeContainer old = rp.containers().get(c.getName());
            if (old == null || !rec.replaced.add(old.id())) continue;
            events.normal(pod, "Killing", "Container " + c.getName() + " definition changed, will be restarted");
            Long grace = pod.getSpec().getTerminationGracePeriodSeconds();
            runtime.stopContainer(uid, c.getName(), Duration.ofSeconds(grace == null ? 30 : Math.max(0, grace)));
        }
        boolean waitsForSources = false;
        if (setUpVolumes(key, pod, rec)) {
            for (Container c : plan.start()) {
                SourcedEnv env = resolveEnv(pod, c, rec);
                if (env == null) {
                    waitsForSources = true;
                } else {
                    startContainer(pod, c, env);
                    rec.startedImages.put(c.getName(), c.getImage());
                }
            }
            for (Container c : plan.restart()) {
                SourcedEnv env = resolveEnv(pod, c, rec);
                if (env == null) {
                    waitsForSources = true;
                    continue;
                }
                counts.merge(c.getName(), 1, Integer::sum);
                backoff.next(uid + "/" + c.getName());
                startContainer(pod, c, env);
                rec.startedImages.put(c.getName(), c.getImage());
            }
        } else {
            waitsForSources = true;
        }
        if (!plan.start().isEmpty()
                || !plan.restart().isEmpty()
                || !plan.kill().isEmpty()
                || !plan.replace().isEmpty()) {
            running.put(key, uid);
            rp = runtime.pod(uid).orElse(rp);
        }
        announceBackoff(pod, rp, plan);
        probes.sync(pod, rp);
        Map<String, ProbeView> views = probes.views(uid);
        postStatus(
                pod,
                rp,
                new PodStatusMath.Bookkeeping(
                        Map.copyOf(counts), plan.backoffUntil(), views, Map.copyOf(rec.configErrors)),
                now);
        Optional<Duration> again = plan.requeueAfter();
        if (waitsForSources && (again.isEmpty() || again.get().compareTo(SOURCE_RETRY) > 0))
            again = Optional.of(SOURCE_RETRY);
        Optional<Instant> refresh = rec.tokens.nextRefresh();
        if (refresh.isPresent()) {
            // Sync again when a projected token is due, so the volume gets the new one in time.
            Duration due = Duration.between(now, refresh.get());
            if (due.compareTo(TOKEN_RETRY) < 0) due = TOKEN_RETRY;
            if (again.isEmpty() || again.get().compareTo(due) > 0) again = Optional.of(due);
        }
        return again;
    }

    /**
     * The kubelet's volume setup for configMap, secret and projected volumes (a projected
     * token fetched or refreshed through {@link PodTokens}): resolves them and has the
     * runtime write them (every sync, so updates reach running containers; unchanged content is
     * not rewritten). Answers whether the pod's containers may start: once its volumes were set up
     * they may, even if a later update fails (the kubelet keeps the last content). Until then a
     * missing source keeps every container waiting (ContainerCreating) with a FailedMount event.
     */
    private boolean setUpVolumes(String key, Pod pod, PodRecord rec) {
        String failure;
        try {
            // A runtime that writes no files needs no tokens: simulated nodes ask the API for none.
            // Tokens are asked for as this node, which may request them only for its own pods.
            PodSources.TokenSource tokens = runtime.capabilities().volumeFiles()
                    ? (volume, audience, seconds) -> rec.tokens.token(
                            (aud, secs) -> client.createToken(
                                    pod.getMetadata().getNamespace(),
                                    pod.getSpec().getServiceAccountName(),
                                    aud,
                                    secs,
                                    pod),
                            clock,
                            volume,
                            audience,
                            seconds)
                    : (volume, audience, seconds) -> new byte[0];
            List<VolumeContent> volumes = PodSources.volumes(pod, host.sources(config.nodeName()), tokens);
            if (volumes.isEmpty()) {
                rec.volumesSetUp = true;
                return true;
            }
            // The runtime holds files of the pod from now on: forgetting the pod must remove them.
            running.putIfAbsent(key, pod.getMetadata().getUid());
            runtime.writeVolumes(pod, volumes);
            rec.volumesSetUp = true;
            rec.mountFailure = null;
            return true;
        } catch (PodSources.Missing m) {
            failure = "MountVolume.SetUp failed for volume \"" + m.volume() + "\" : " + m.getMessage();
        } catch (java.io.UncheckedIOException e) {
            failure = "MountVolume.SetUp failed: " + e.getMessage();
        }
        if (!failure.equals(rec.mountFailure)) {
            rec.mountFailure = failure;
            events.warning(pod, "FailedMount", failure);
        }
        return rec.volumesSetUp;
    }

    /**
     * The container's variables from ConfigMaps and Secrets, or null when a source it needs is
     * missing: then it waits in CreateContainerConfigError (a Warning Failed once per message)
     * and starts once the source appears. Skipped envFrom keys are reported as the kubelet does.
     */
    private SourcedEnv resolveEnv(Pod pod, Container c, PodRecord rec) {
        PodSources.Env env;
        try {
            env = PodSources.env(pod, c, host.sources(config.nodeName()));
        } catch (PodSources.Missing m) {
            String before = rec.configErrors.put(c.getName(), m.getMessage());
            if (!m.getMessage().equals(before)) events.warning(pod, "Failed", "Error: " + m.getMessage());
            return null;
        }
        rec.configErrors.remove(c.getName());
        for (String w : env.warnings()) events.warning(pod, PodSources.INVALID_NAMES, w);
        return env.env();
    }

    /**
     * Starts a container instance. On a runtime with local images the agent records the kubelet's
     * events for the start here ({@link StartEvents#localImage}: Pulled "already present",
     * Created, Started); a runtime that pulls reports each try, this one included, to the
     * {@link PullEventsListener}, which records them.
     */
    private void startContainer(Pod pod, Container c, SourcedEnv env) {
        runtime.startContainer(pod, c, env);
        if (runtime.capabilities().imagePulls() || !config.lifecycleEvents()) return;
        RuntimeContainer rc = runtime.pod(pod.getMetadata().getUid())
                .map(p -> p.containers().get(c.getName()))
                .orElse(null);
        for (StartEvents.Event e : StartEvents.localImage(c, rc)) events.record(pod, e.type(), e.reason(), e.message());
    }

    /**
     * The kubelet's image events from what a runtime that pulls reports, once per try (the
     * host's EventRecorder counts repeats). Normal events only with lifecycle events on; warnings
     * always, as the other failures of a start.
     */
    private final class PullEventsListener implements ImagePullListener {
        @Override
        public void pulling(Pod pod, Container container) {
            if (!closed) record(pod, StartEvents.pulling(container));
        }

        @Override
        public void tried(Pod pod, Container container, PullAttempt attempt, RuntimeContainer after) {
            if (!closed) record(pod, StartEvents.tried(container, attempt, after));
        }

        private void record(Pod pod, List<StartEvents.Event> list) {
            for (StartEvents.Event e : list) {
                if (config.lifecycleEvents() || StartEvents.WARNING.equals(e.type()))
                    events.record(pod, e.type(), e.reason(), e.message());
            }
        }
    }

    /** A Warning BackOff once for each crashed instance that waits out a CrashLoopBackOff. */
    private void announceBackoff(Pod pod, RuntimePod rp, PodPlan plan) {
        if (!config.lifecycleEvents() || rp == null) return;
        for (String name : plan.backoffUntil().keySet()) {
            RuntimeContainer rc = rp.containers().get(name);
            if (rc == null || rc.id() == null) continue;
            if (rc.id()
                    .equals(record(pod.getMetadata().getUid()).backoffAnnounced.put(name, rc.id()))) continue;
            events.warning(
                    pod,
                    "BackOff",
                    "Back-off restarting failed container " + name + " in pod "
                            + pod.getMetadata().getName() + "_"
                            + pod.getMetadata().getNamespace() + "("
                            + pod.getMetadata().getUid() + ")");
        }
    }

    /** The probe's own terminationGracePeriodSeconds if it sets one, else the pod's (default 30 s). */
    private static Duration killGrace(Pod pod, PodPlan.Kill k) {
        io.fabric8.kubernetes.api.model.Probe p = k.probe() == io.everynode.agent.probe.ProbeKind.STARTUP
                ? k.container().getStartupProbe()
                : k.container().getLivenessProbe();
        Long secs = p != null && p.getTerminationGracePeriodSeconds() != null
                ? p.getTerminationGracePeriodSeconds()
                : pod.getSpec().getTerminationGracePeriodSeconds();
        return Duration.ofSeconds(secs == null ? 30 : Math.max(0, secs));
    }

    /**
     * A pod with a deletionTimestamp: stop it within what is left of its grace period, and once
     * nothing runs, delete the object with grace 0 (the kubelet's final delete), guarded by uid.
     */
    private Optional<Duration> terminate(String key, Pod pod, RuntimePod rp, Instant now) {
        String uid = pod.getMetadata().getUid();
        if (rp == null || rp.allTerminated()) {
            try {
                client.delete(
                        Pod.class,
                        pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(),
                        new DeleteOptionsBuilder()
                                .withGracePeriodSeconds(0L)
                                .withNewPreconditions()
                                .withUid(uid)
                                .endPreconditions()
                                .build());
            } catch (ApiError e) {
                if (!e.isNotFound() && !e.isConflict()) throw e;
            }
            forget(key, uid);
            return Optional.empty();
        }
        // As the kubelet does, the grace period counts from when the agent sees the deletion
        // (deletionGracePeriodSeconds), not from deletionTimestamp, which is whole seconds and
        // would cut up to a second off. The runtime keeps the earliest kill deadline it was given,
        // so syncing again does not extend it, and a shorter grace (a second delete) shortens it.
        Long graceSecs = pod.getMetadata().getDeletionGracePeriodSeconds();
        Duration left = graceSecs != null
                ? Duration.ofSeconds(Math.max(0, graceSecs))
                : Duration.between(now, Instant.parse(pod.getMetadata().getDeletionTimestamp()));
        if (left.isNegative()) left = Duration.ZERO;
        probes.remove(uid);
        if (!rp.stopping() && config.lifecycleEvents()) {
            for (RuntimeContainer rc : rp.containers().values()) {
                if (rc.state() == RuntimeContainer.State.RUNNING)
                    events.normal(pod, "Killing", "Stopping container " + rc.name());
            }
        }
        runtime.stopPod(uid, left);
        Map<String, Integer> counts = restartCounts(uid);
        postStatus(pod, runtime.pod(uid).orElse(rp), new PodStatusMath.Bookkeeping(Map.copyOf(counts), Map.of()), now);
        // The runtime reports the stop; look again after the deadline in case nothing does.
        return Optional.of(left.plusSeconds(1));
    }

    /**
     * A pod the eviction manager chose (R9.4): killed at once (grace 0), then reported phase
     * Failed, reason Evicted, with a DisruptionTarget condition; its containers never start again.
     */
    private Optional<Duration> evicted(Pod pod, RuntimePod rp, String message, Instant now) {
        String uid = pod.getMetadata().getUid();
        runtime.stopPod(uid, Duration.ZERO);
        RuntimePod current = runtime.pod(uid).orElse(rp);
        Map<String, Integer> counts = restartCounts(uid);
        PodStatus computed = PodStatusMath.compute(
                pod, current, new PodStatusMath.Bookkeeping(Map.copyOf(counts), Map.of()), config.hostIP(), now);
        writeStatus(pod, EvictedStatus.apply(computed, pod.getStatus(), message, now));
        return Optional.empty();
    }

    /** What the eviction manager sees of this agent and how it acts through it. */
    private final class EvictionHost implements EvictionManager.Host {
        @Override
        public List<ActivePod> activePods() {
            List<ActivePod> out = new ArrayList<>();
            running.forEach((key, uid) -> {
                Pod pod = host.pod(key).orElse(null);
                if (pod == null
                        || !uid.equals(pod.getMetadata().getUid())
                        || pod.getMetadata().getDeletionTimestamp() != null
                        || evictedFor(uid) != null) return;
                String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                if (Pods.isTerminalPhase(phase)) return;
                RuntimePod rp = runtime.pod(uid).orElse(null);
                if (rp == null || rp.stopping() || rp.allTerminated()) return;
                out.add(new ActivePod(pod, OptionalLong.of(rp.memoryBytes())));
            });
            return out;
        }

        @Override
        public boolean evict(Pod pod, String message) {
            String uid = pod.getMetadata().getUid();
            String key =
                    pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            if (closed || !uid.equals(running.get(key))) return false;
            record(uid).eviction = message;
            runtime.stopPod(uid, Duration.ZERO);
            events.warning(pod, EvictedStatus.REASON, message);
            host.enqueue(config.nodeName(), key);
            return true;
        }

        @Override
        public void pressureChanged(boolean underPressure) {
            try {
                heartbeat.postStatus();
            } catch (RuntimeException e) {
                LOG.warn(
                        "node {}: posting MemoryPressure={} failed: {}",
                        config.nodeName(),
                        underPressure,
                        e.toString());
            }
        }
    }

    private void forget(String key, String uid) {
        records.remove(uid);
        runtime.removePod(uid);
        running.remove(key, uid);
        backoff.resetWhere(k -> k.startsWith(uid + "/"));
        probes.remove(uid);
    }

    /** The pod's record, made on first use. */
    private PodRecord record(String uid) {
        return records.computeIfAbsent(uid, PodRecord::new);
    }

    private String evictedFor(String uid) {
        PodRecord r = records.get(uid);
        return r == null ? null : r.eviction;
    }

    private Map<String, Integer> restartCounts(String uid) {
        PodRecord r = records.get(uid);
        return r == null ? Map.of() : r.restarts;
    }

    /** Writes the pod's status when it differs from what the cache holds (a merge patch of the agent's fields). */
    private void postStatus(Pod pod, RuntimePod rp, PodStatusMath.Bookkeeping book, Instant now) {
        writeStatus(pod, PodStatusMath.compute(pod, rp, book, config.hostIP(), now));
    }

    /**
     * Patches the pod's status with what the agent computed. A strategic merge: conditions merge
     * by type, so only the agent's own ({@link PodStatusMath#OWN_CONDITIONS}, and an eviction's
     * DisruptionTarget) are sent and a
     * condition another writer owns (a readiness gate's, E6.3) is never overwritten from a stale
     * copy.
     */
    private void writeStatus(Pod pod, PodStatus computed) {
        ObjectNode ours = Json.tree(computed);
        if (unchanged(ours, pod.getStatus() == null ? Json.object() : Json.tree(pod.getStatus()))) return;
        if (computed.getConditions() != null) {
            PodStatus own = Json.MAPPER.convertValue(computed, PodStatus.class);
            own.setConditions(computed.getConditions().stream()
                    .filter(c -> PodStatusMath.OWN_CONDITIONS.contains(c.getType())
                            || EvictedStatus.DISRUPTION_TARGET.equals(c.getType()))
                    .toList());
            ours = Json.tree(own);
        }
        ObjectNode patch = Json.object();
        patch.set("status", ours);
        try {
            client.patch(
                    Pod.class,
                    pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(),
                    PatchType.STRATEGIC,
                    Json.string(patch),
                    "status");
        } catch (ApiError e) {
            if (!e.isNotFound()) throw e;
        }
    }

    /**
     * Whether merging {@code ours} over {@code current} (a merge patch of status) would leave it
     * as it is: each field we send is already there with the same value. Compared field by
     * field, without copying the current status.
     */
    private static boolean unchanged(ObjectNode ours, ObjectNode current) {
        for (Map.Entry<String, tools.jackson.databind.JsonNode> e : ours.properties()) {
            tools.jackson.databind.JsonNode have = current.get(e.getKey());
            if ("conditions".equals(e.getKey()) && have != null) {
                // Merged by type: unchanged when each of ours is there as it is, in any order.
                for (tools.jackson.databind.JsonNode c : e.getValue()) {
                    boolean found = false;
                    for (tools.jackson.databind.JsonNode h : have) found |= Json.same(c, h);
                    if (!found) return false;
                }
                continue;
            }
            if (have == null || !Json.same(e.getValue(), have)) return false;
        }
        return true;
    }

    private static boolean reportedStarted(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getContainerStatuses() != null
                && pod.getStatus().getContainerStatuses().stream().anyMatch(cs -> cs.getContainerID() != null);
    }

    private static Map<String, Integer> reportedRestarts(Pod pod) {
        Map<String, Integer> m = new ConcurrentHashMap<>();
        for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
            if (cs.getRestartCount() != null) m.put(cs.getName(), cs.getRestartCount());
        }
        return m;
    }

    Heartbeat heartbeat() {
        return heartbeat;
    }

    ContainerRuntime runtime() {
        return runtime;
    }

    EvictionManager eviction() {
        return eviction;
    }
}

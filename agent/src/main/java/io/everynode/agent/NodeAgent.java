package io.everynode.agent;

import io.everynode.apiserver.json.Json;
import io.everynode.client.ApiError;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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

    private final AgentHost host;
    private final boolean ownsHost;
    private final AgentConfig config;
    private final ContainerRuntime runtime;
    private final Clock clock;
    private final Heartbeat heartbeat;
    private final CrashBackoff backoff = new CrashBackoff();
    /** Pod key → uid of the pod the runtime runs under that key. Touched by one worker per key. */
    private final Map<String, String> running = new ConcurrentHashMap<>();
    /** Pod uid → container name → restart count (the agent counts restarts, not the runtime). */
    private final Map<String, Map<String, Integer>> restarts = new ConcurrentHashMap<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile boolean closed;

    NodeAgent(AgentHost host, boolean ownsHost, AgentConfig config, ContainerRuntime runtime) {
        this.host = host;
        this.ownsHost = ownsHost;
        this.config = config;
        this.runtime = runtime;
        this.clock = host.clock;
        this.heartbeat = new Heartbeat(host.client, config, runtime, clock, host.logEndpoint());
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
     * free one, a null {@code logBind} serves no logs. The Node advertises it in
     * {@code status.daemonEndpoints} and the {@code everynode.io/agent-endpoint} annotation.
     */
    public static NodeAgent start(KubeClient client, AgentConfig config, ContainerRuntime runtime, Clock clock, String logBind,
                                  int logPort) {
        Informer<Pod> pods = new Informer<>(client, Pod.class, null,
                new ListOptionsBuilder().withFieldSelector("spec.nodeName=" + config.nodeName()).build());
        AgentHost host = new AgentHost(client, clock, pods, 2, 1);
        NodeAgent agent;
        try {
            if (logBind != null) host.serveLogs(logBind, logPort);
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
        schedule(heartbeat::renewLease, config.leaseRenewInterval(), "renewing the Lease");
        schedule(heartbeat::postStatus, config.statusUpdateInterval(), "posting node status");
        host.attach(this);
    }

    private void schedule(Runnable task, Duration every, String what) {
        long period = every.toMillis();
        long first = ThreadLocalRandom.current().nextLong(Math.max(1, period));
        synchronized (timers) {
            timers.add(host.timers.scheduleAtFixedRate(() -> {
                if (closed) return;
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("node {}: {} failed: {}", config.nodeName(), what, e.toString());
                }
            }, first, period, TimeUnit.MILLISECONDS));
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
        runtime.setListener(k -> { });
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
        Pod pod = host.pod(key).filter(p -> config.nodeName().equals(p.getSpec().getNodeName())).orElse(null);
        String runningUid = running.get(key);
        if (runningUid != null && (pod == null || !runningUid.equals(pod.getMetadata().getUid()))) {
            // Deleted without us (a forced delete), or replaced by a new pod of the same name.
            forget(key, runningUid);
        }
        if (pod == null) return Optional.empty();
        String uid = pod.getMetadata().getUid();
        RuntimePod rp = runtime.pod(uid).orElse(null);
        if (rp == null && runningUid == null && reportedStarted(pod)) {
            rp = runtime.adopt(pod).orElse(null);
            if (rp != null) restarts.put(uid, reportedRestarts(pod));
        }
        if (rp != null) running.put(key, uid);
        if (pod.getMetadata().getDeletionTimestamp() != null) return terminate(key, pod, rp, now);
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (rp == null && ("Succeeded".equals(phase) || "Failed".equals(phase))) return Optional.empty();

        PodPlan plan = PodPlan.decide(pod, rp, backoff, now);
        Map<String, Integer> counts = restarts.computeIfAbsent(uid, u -> new ConcurrentHashMap<>());
        for (Container c : plan.start()) runtime.startContainer(pod, c);
        for (Container c : plan.restart()) {
            counts.merge(c.getName(), 1, Integer::sum);
            backoff.restarted(uid + "/" + c.getName(), now);
            runtime.startContainer(pod, c);
        }
        if (!plan.start().isEmpty() || !plan.restart().isEmpty()) {
            running.put(key, uid);
            rp = runtime.pod(uid).orElse(rp);
        }
        postStatus(pod, rp, new PodStatusMath.Bookkeeping(Map.copyOf(counts), plan.backoffUntil()), now);
        return plan.requeueAfter();
    }

    /**
     * A pod with a deletionTimestamp: stop it within what is left of its grace period, and once
     * nothing runs, delete the object with grace 0 (the kubelet's final delete), guarded by uid.
     */
    private Optional<Duration> terminate(String key, Pod pod, RuntimePod rp, Instant now) {
        String uid = pod.getMetadata().getUid();
        if (rp == null || rp.allTerminated()) {
            try {
                host.client.delete(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                        new DeleteOptionsBuilder().withGracePeriodSeconds(0L).withNewPreconditions().withUid(uid).endPreconditions()
                                .build());
            } catch (ApiError e) {
                if (!e.isNotFound() && !e.isConflict()) throw e;
            }
            forget(key, uid);
            return Optional.empty();
        }
        Instant deadline = Instant.parse(pod.getMetadata().getDeletionTimestamp());
        Duration left = Duration.between(now, deadline);
        if (left.isNegative()) left = Duration.ZERO;
        runtime.stopPod(uid, left);
        Map<String, Integer> counts = restarts.getOrDefault(uid, Map.of());
        postStatus(pod, runtime.pod(uid).orElse(rp), new PodStatusMath.Bookkeeping(Map.copyOf(counts), Map.of()), now);
        // The runtime reports the stop; look again after the deadline in case nothing does.
        return Optional.of(left.plusSeconds(1));
    }

    private void forget(String key, String uid) {
        runtime.removePod(uid);
        running.remove(key, uid);
        restarts.remove(uid);
        backoff.forget(uid + "/");
    }

    /** Writes the pod's status when it differs from what the cache holds (a merge patch of the agent's fields). */
    private void postStatus(Pod pod, RuntimePod rp, PodStatusMath.Bookkeeping book, Instant now) {
        PodStatus computed = PodStatusMath.compute(pod, rp, book, config.hostIP(), now);
        ObjectNode ours = Json.tree(computed);
        ObjectNode current = pod.getStatus() == null ? Json.object() : Json.tree(pod.getStatus());
        ObjectNode merged = current.deepCopy();
        merged.setAll(ours);
        if (Json.same(merged, current)) return;
        ObjectNode patch = Json.object();
        patch.set("status", ours);
        try {
            host.client.patch(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), PatchType.MERGE,
                    Json.string(patch), "status");
        } catch (ApiError e) {
            if (!e.isNotFound()) throw e;
        }
    }

    private static boolean reportedStarted(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null
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
}

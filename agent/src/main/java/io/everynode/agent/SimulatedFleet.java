package io.everynode.agent;

import io.everynode.agent.endpointauth.EndpointSecurity;
import io.everynode.agent.logs.LogEndpoint;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many simulated nodes in one JVM, sharing one client, one pod informer (indexed by
 * {@code spec.nodeName}), one work queue with a few sync workers and a few timer threads: no
 * thread per node, so thousands fit. Each node has its own {@link SimulatedRuntime} on the shared
 * timers, which outlives its agent: {@link #stop} and {@link #restart} model a kubelet restart
 * (the pods keep running and are adopted).
 *
 * <pre>{@code
 * try (SimulatedFleet fleet = new SimulatedFleet(client, clock, SimulatedRuntime.Config.defaults())) {
 *     for (int i = 1; i <= 200; i++) fleet.add(AgentConfig.defaults("node-" + i));
 * }
 * }</pre>
 */
public final class SimulatedFleet implements AutoCloseable {
    /** Sync workers: in process a pod sync is a few microseconds of work plus one status write. */
    static final int WORKERS = 4;
    /** Timer threads for heartbeats and runtime stages of every node; a heartbeat is a blocking write, so a few overlap. */
    static final int TIMER_THREADS = 4;

    private final AgentHost host;
    private final Clock clock;
    private final SimulatedRuntime.Config runtimeConfig;
    private final Map<String, NodeAgent> agents = new ConcurrentHashMap<>();
    private final Map<String, SimulatedRuntime> runtimes = new ConcurrentHashMap<>();

    /**
     * @param runtimeConfig every node's runtime settings; with a {@link SimulatedRuntime.Config#logDir()},
     *     node N keeps its containers' logs under {@code logDir/N/logs} and the fleet serves them
     *     to {@code kubectl logs} from one loopback endpoint, which the API server reaches at
     *     each node's InternalIP: nodes keep {@link AgentConfig}'s loopback {@code hostIP}
     */
    public SimulatedFleet(KubeClient client, Clock clock, SimulatedRuntime.Config runtimeConfig) {
        this(client, NodeClients.shared(client), clock, runtimeConfig);
    }

    /**
     * A fleet whose nodes each call as themselves ({@code nodeClients}); {@code client} reads the
     * pods of all of them (one informer) and writes their events, which any node may, so it can
     * be any of the fleet's node identities.
     */
    public SimulatedFleet(
            KubeClient client, NodeClients nodeClients, Clock clock, SimulatedRuntime.Config runtimeConfig) {
        this(client, nodeClients, clock, runtimeConfig, null);
    }

    /**
     * As {@link #SimulatedFleet(KubeClient, NodeClients, Clock, SimulatedRuntime.Config)}, the log
     * endpoint served over HTTPS with {@code logSecurity}'s certificate (its SANs must hold
     * 127.0.0.1, the nodes' InternalIP) and checks; null: plain HTTP (control planes without TLS).
     */
    public SimulatedFleet(
            KubeClient client,
            NodeClients nodeClients,
            Clock clock,
            SimulatedRuntime.Config runtimeConfig,
            EndpointSecurity logSecurity) {
        this.clock = clock;
        this.runtimeConfig = runtimeConfig;
        this.host = new AgentHost(
                client, nodeClients, clock, new Informer<>(client, Pod.class, null), WORKERS, TIMER_THREADS);
        // With logs, one endpoint on loopback serves every node of the fleet (pods are unique by namespace and name):
        // the nodes' InternalIP is loopback (AgentConfig's default), and each advertises this endpoint's port.
        if (runtimeConfig.logDir() != null)
            host.serveLogs(LogEndpoint.direct("127.0.0.1", 0).withSecurity(logSecurity), null);
        host.start();
    }

    /**
     * Registers a simulated node (label {@code everynode.io/runtime=simulated} added) and starts
     * its agent; synchronous, so the Node exists with a Ready status when this returns.
     */
    public NodeAgent add(AgentConfig config) {
        if (agents.containsKey(config.nodeName()))
            throw new IllegalArgumentException("node " + config.nodeName() + " is already in the fleet");
        SimulatedRuntime runtime = runtimes.computeIfAbsent(
                config.nodeName(),
                n -> new SimulatedRuntime(
                        runtimeConfig.logDir() == null
                                ? runtimeConfig
                                : runtimeConfig.withLogDir(
                                        runtimeConfig.logDir().resolve(n).resolve("logs")),
                        clock,
                        host.timers,
                        n,
                        config.hostIP()));
        NodeAgent agent = new NodeAgent(host, false, config, runtime);
        agent.begin();
        agents.put(config.nodeName(), agent);
        return agent;
    }

    /**
     * Registers many nodes at once, {@code parallelism} at a time (each registration is a few
     * writes that wait on the store's commit; overlapping them lets the store group its commits,
     * where one after another a thousand nodes take a thousand commit waits). Returns when every
     * node is registered; the first failure is thrown after the others finished.
     */
    public List<NodeAgent> addAll(List<AgentConfig> configs, int parallelism) {
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be positive");
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, configs.size())), r -> {
            Thread t = new Thread(r, "fleet-register");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<NodeAgent>> started = new ArrayList<>();
            for (AgentConfig c : configs) started.add(pool.submit(() -> add(c)));
            List<NodeAgent> out = new ArrayList<>();
            RuntimeException failure = null;
            for (Future<NodeAgent> f : started) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException re
                                ? re
                                : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while registering nodes", e);
                }
            }
            if (failure != null) throw failure;
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Stops the node's agent (no more heartbeats or syncs); its runtime keeps its pods. */
    public void stop(String nodeName) {
        NodeAgent a = agents.remove(nodeName);
        if (a != null) a.close();
    }

    /** Starts the node's agent again after {@link #stop}, with the same config; it adopts its pods. */
    public NodeAgent restart(AgentConfig config) {
        stop(config.nodeName());
        return add(config);
    }

    public List<String> nodeNames() {
        return new ArrayList<>(agents.keySet());
    }

    public int size() {
        return agents.size();
    }

    @Override
    public void close() {
        for (NodeAgent a : agents.values()) a.close();
        agents.clear();
        host.close();
        for (SimulatedRuntime r : runtimes.values()) r.close();
    }
}

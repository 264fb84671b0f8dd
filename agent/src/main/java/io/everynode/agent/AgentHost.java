package io.everynode.agent;

import io.everynode.agent.logs.LogEndpoint;
import io.everynode.agent.logs.LogServer;
import io.everynode.agent.logs.LogSource;
import io.everynode.agent.logs.RelayProcess;
import io.everynode.client.EventRecorder;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.client.Lister;
import io.everynode.client.WorkQueue;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agents of one process share: one client, one pod informer indexed by
 * {@code spec.nodeName}, one work queue of (node, pod key) with a few workers, and a few timer
 * threads. A lone agent has a host of its own (an informer restricted to its node); a fleet of
 * thousands shares one, so no resource grows a thread per node.
 *
 * <p>Pod events and runtime changes enqueue keys (design.md rule 1); a worker hands each key to
 * its node's agent, whose {@code syncPod} is idempotent. The queue never gives one key to two
 * workers at once.
 *
 * <p>Identities: each agent calls as its node ({@link #client(String)}, from the
 * {@link NodeClients}); the host's own {@code client} reads the pods and writes the events of all
 * its agents, which any node may (upstream's node rules).
 *
 * <p>ConfigMaps and Secrets: each object a pod names is followed on its own, read as a node whose
 * pod names it ({@link SourceWatches}, {@link #sources(String)}), since a node may read only
 * those; a change to one enqueues the pods that name it (found through the pod informer's
 * {@link #SOURCE_INDEX}), so an update reaches mounted volumes, and a source that appears starts
 * the containers waiting for it, at once. Every {@link #SOURCE_SWEEP} the objects no pod of their
 * node names any more are let go.
 */
final class AgentHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentHost.class);
    static final String NODE_INDEX = "spec.nodeName";
    /** Pods by the ConfigMaps and Secrets they name ({@link PodSources#references}). */
    static final String SOURCE_INDEX = "sources";
    /** How long a log relay's JVM may take to listen: the machine may be busy. */
    private static final Duration RELAY_READY = Duration.ofSeconds(60);
    /** How often followed ConfigMaps and Secrets that no pod names any more are let go. */
    static final Duration SOURCE_SWEEP = Duration.ofSeconds(60);

    record PodRef(String node, String key) {}

    /** The Event source component of node agents, as the kubelet's. */
    static final String KUBELET = "kubelet";
    /**
     * Upstream each kubelet has a queue of 1000 events; a host serves up to thousands of agents
     * (each pod start records Pulled, Created, Started), so its one queue is larger and written
     * 16 at a time.
     */
    static final int EVENT_CAPACITY = 10_000;

    static final int EVENT_WRITERS = 16;

    final KubeClient client;
    final Clock clock;
    final ScheduledExecutorService timers;
    /** The events of every agent of the host, as the kubelet records them (source {@code kubelet}), off the sync path. */
    final EventRecorder events;
    /** The probe mechanisms every agent of the host shares (one HTTP client, a small pool). */
    final io.everynode.agent.probe.Probers probers = new io.everynode.agent.probe.Probers();

    private final NodeClients nodeClients;
    private final Informer<Pod> pods;
    /** The ConfigMaps and Secrets pods read, each followed as a node that may read it. */
    private final SourceWatches sources;

    private final WorkQueue<PodRef> queue;
    private final Map<String, NodeAgent> agents = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    /** The log endpoint the host's agents share, or null when they serve no logs. */
    private volatile LogServer logs;
    /** The relay into the node's network namespace in front of {@link #logs}, or null when reached directly. */
    private volatile RelayProcess relay;
    /** The port the host's Nodes advertise in daemonEndpoints.kubeletEndpoint.Port: 0 for none. */
    private volatile int logPort;

    /**
     * @param client reads the pods of every agent of the host ({@code pods} uses it) and writes their events
     * @param nodeClients what each agent calls as
     */
    AgentHost(
            KubeClient client,
            NodeClients nodeClients,
            Clock clock,
            Informer<Pod> pods,
            int workerCount,
            int timerThreads) {
        this.client = client;
        this.nodeClients = nodeClients;
        this.clock = clock;
        this.pods = pods;
        this.events = new EventRecorder(client, KUBELET, clock, EVENT_CAPACITY, EVENT_WRITERS);
        // Failed syncs retry from 200 ms doubling to 30 s: the API may be briefly away.
        this.queue = new WorkQueue<>(clock, Duration.ofMillis(200), Duration.ofSeconds(30));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(timerThreads, r -> {
            Thread th = new Thread(r, "agent-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timers = t;
        pods.addIndex(NODE_INDEX, p -> {
            String n = p.getSpec() == null ? null : p.getSpec().getNodeName();
            return n == null || n.isEmpty() ? List.of() : List.of(n);
        });
        pods.onAnyChange(this::route);
        pods.addIndex(SOURCE_INDEX, PodSources::references);
        this.sources = new SourceWatches(nodeClients, this::routeReaders);
        for (int i = 0; i < workerCount; i++) {
            Thread w = new Thread(this::work, "agent-sync-" + i);
            w.setDaemon(true);
            workers.add(w);
        }
    }

    void start() {
        pods.start();
        timers.scheduleWithFixedDelay(
                this::sweepSources, SOURCE_SWEEP.toMillis(), SOURCE_SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        for (Thread w : workers) w.start();
    }

    /** The client node {@code node}'s agent calls as. */
    KubeClient client(String node) {
        return nodeClients.forNode(node);
    }

    /** Where node {@code node}'s agent reads the ConfigMaps and Secrets its pods name. */
    ConfigLookup sources(String node) {
        return sources.lookup(node);
    }

    /** Lets go of the followed objects that no pod of their node (still attached here) names. */
    void sweepSources() {
        sources.retain((node, key) -> {
            if (!agents.containsKey(node)) return false;
            for (Pod p : pods.lister().byIndex(SOURCE_INDEX, key)) {
                if (p.getSpec() != null && node.equals(p.getSpec().getNodeName())) return true;
            }
            return false;
        });
    }

    /** The cached pod under {@code key}. */
    Optional<Pod> pod(String key) {
        return pods.lister().get(key);
    }

    Lister<Pod> pods() {
        return pods.lister();
    }

    /** Routes the node's pod events and keys to {@code agent}, and syncs every pod already cached for the node. */
    void attach(NodeAgent agent) {
        agents.put(agent.nodeName(), agent);
        for (Pod p : pods.lister().byIndex(NODE_INDEX, agent.nodeName())) enqueue(agent.nodeName(), Lister.key(p));
    }

    /**
     * Starts the log endpoint of this host's agents as {@code endpoint} says, a relayed one
     * listening on {@code nodeIP} inside the node's namespace; call before agents attach, so that
     * they advertise it on their Nodes.
     *
     * @throws IllegalStateException when the server cannot bind or the relay does not listen
     */
    void serveLogs(LogEndpoint endpoint, String nodeIP) {
        LogServer server = LogServer.start(endpoint.bind(), endpoint.port(), this::locate, clock, endpoint.security());
        logs = server;
        if (endpoint.isRelayed()) {
            relay = RelayProcess.start(
                    endpoint.relayPrefix(), nodeIP, endpoint.relayPort(), endpoint.bind(), server.port(), RELAY_READY);
            logPort = relay.port();
        } else {
            logPort = server.port();
        }
    }

    /** The port the host's agents advertise for their logs (at their InternalIP), or 0 when they serve none. */
    int logPort() {
        return logPort;
    }

    /** Which of this host's agents runs pod {@code namespace/name}, under which uid: what the log endpoint asks. */
    Optional<LogSource.PodOnNode> locate(String namespace, String name) {
        Pod p = pods.lister().get(namespace + "/" + name).orElse(null);
        String node = p == null || p.getSpec() == null ? null : p.getSpec().getNodeName();
        NodeAgent agent = node == null ? null : agents.get(node);
        if (agent == null) return Optional.empty();
        return Optional.of(new LogSource.PodOnNode(node, p.getMetadata().getUid(), agent.runtime()));
    }

    void detach(NodeAgent agent) {
        agents.remove(agent.nodeName(), agent);
    }

    void enqueue(String node, String key) {
        queue.add(new PodRef(node, key));
    }

    /** Enqueues the pods of this host's agents that name the ConfigMap or Secret under {@code sourceKey}. */
    private void routeReaders(String sourceKey) {
        for (Pod p : pods.lister().byIndex(SOURCE_INDEX, sourceKey)) route(p);
    }

    private void route(Pod p) {
        String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
        if (node != null && agents.containsKey(node)) enqueue(node, Lister.key(p));
    }

    private void work() {
        while (true) {
            PodRef ref;
            try {
                ref = queue.get();
            } catch (InterruptedException e) {
                return;
            }
            if (ref == null) return;
            try {
                NodeAgent agent = agents.get(ref.node());
                if (agent == null) continue;
                Optional<Duration> again = agent.syncPod(ref.key());
                queue.forget(ref);
                again.ifPresent(d -> queue.addAfter(ref, d));
            } catch (RuntimeException e) {
                LOG.warn("node {}: syncing pod {} failed: {}; retrying", ref.node(), ref.key(), e.toString());
                queue.addRateLimited(ref);
            } finally {
                queue.done(ref);
            }
        }
    }

    @Override
    public void close() {
        RelayProcess r = relay;
        if (r != null) r.close();
        LogServer l = logs;
        if (l != null) l.close();
        queue.shutDown();
        timers.shutdownNow();
        probers.close();
        pods.close();
        sources.close();
        for (Thread w : workers) w.interrupt();
        for (Thread w : workers) {
            try {
                w.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        events.close();
    }
}

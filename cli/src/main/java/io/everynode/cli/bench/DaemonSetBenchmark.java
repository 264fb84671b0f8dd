package io.everynode.cli.bench;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.InProcessNodeClients;
import io.everynode.controlplane.InProcessTransport;
import io.everynode.store.StoreConfig;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The DaemonSet control loop at scale, in one process: an API server on SQLite (or memory, or etcd), the
 * controller manager with every controller, and N simulated nodes, each a real
 * {@link io.everynode.agent.NodeAgent} of one {@link SimulatedFleet} (one shared client, pod
 * cache and work queue): they register, heartbeat, run their pods in the simulated runtime and
 * report the pods' status. The benchmark only creates, patches and watches: every pod reaches
 * Ready through its agent's status report. A measurement, never a test.
 *
 * <p>Phases: N nodes register and turn Ready; a new DaemonSet has every pod created, bound and
 * Ready; a rolling update replaces every pod; one more node gets its daemon pod; the heap.
 */
public final class DaemonSetBenchmark {
    static final String NS = "bench";

    private DaemonSetBenchmark() {}

    /**
     * How the run is shaped.
     *
     * @param store the store the control plane opens (SQLite, memory or etcd)
     * @param registerParallelism how many nodes register at once
     * @param runtime the simulated runtime's stage timings (zero: a pod is Ready as soon as it starts)
     * @param phaseTimeout how long each phase may take before it is reported as not reached
     * @param out where progress lines go
     */
    public record Options(
            int nodes,
            StoreConfig store,
            String maxUnavailable,
            int registerParallelism,
            SimulatedRuntime.Config runtime,
            Duration phaseTimeout,
            Consumer<String> out) {
        /** Pods are Ready as soon as their agent starts them, as design.md's targets assume. */
        public static SimulatedRuntime.Config instantRuntime() {
            return new SimulatedRuntime.Config(
                    Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO);
        }
    }

    /** The figures of one run. Durations are from the start of each phase; null when not reached. */
    public record Result(
            int nodes,
            String backend,
            Duration nodesRegistered,
            Duration nodesReady,
            Duration allCreated,
            Duration allBound,
            Duration allReady,
            Duration rollingUpdate,
            Duration newNodePodBound,
            Duration newNodePodReady,
            long heapAfterGcBytes,
            String loadAverage) {
        /** True when every phase finished within its timeout. */
        public boolean complete() {
            return nodesRegistered != null
                    && nodesReady != null
                    && allCreated != null
                    && allBound != null
                    && allReady != null
                    && rollingUpdate != null
                    && newNodePodBound != null
                    && newNodePodReady != null;
        }

        @Override
        public String toString() {
            return String.format(
                    """
                    daemonset: %d simulated agents, %s store (load average at the end: %s)
                      nodes registered:             %s
                      nodes Ready:                  %s
                      new DaemonSet, all created:   %s
                      new DaemonSet, all bound:     %s
                      new DaemonSet, all Ready:     %s
                      rolling update (image), done: %s
                      new node to daemon pod bound: %s
                      new node to daemon pod Ready: %s
                      heap after GC:                %d MiB""",
                    nodes,
                    backend,
                    loadAverage,
                    Phases.ms(nodesRegistered),
                    Phases.ms(nodesReady),
                    Phases.ms(allCreated),
                    Phases.ms(allBound),
                    Phases.ms(allReady),
                    Phases.ms(rollingUpdate),
                    Phases.ms(newNodePodBound),
                    Phases.ms(newNodePodReady),
                    heapAfterGcBytes >> 20);
        }
    }

    public static Result run(Options o) throws Exception {
        Clock clock = Clock.systemUTC();
        String backend = o.store().etcd() != null ? "etcd" : o.store().dataDir() == null ? "memory" : "sqlite";
        Phases phases = new Phases(o.phaseTimeout(), o.out());
        // The controllers start with the control plane, on its own in-process client.
        try (ControlPlane cp = Phases.controlPlane(o.store(), clock)) {
            // The agents call as their nodes (up's fleet does too): the Node authorizer and
            // NodeRestriction are part of what is measured.
            InProcessNodeClients agents = new InProcessNodeClients(cp.api());
            KubeClient bench = InProcessTransport.client(cp.api());
            PodTally pods = new PodTally();
            NodeTally nodes = new NodeTally();
            Informer<Pod> podInformer = new Informer<>(bench, Pod.class, NS);
            Informer<Node> nodeInformer = new Informer<>(bench, Node.class, null);
            SimulatedFleet fleet = null;
            try {
                Phases.createNamespace(bench, NS);
                podInformer.addEventHandler(pods.handler());
                nodeInformer.addEventHandler(nodes.handler());
                podInformer.start();
                nodeInformer.start();
                if (!podInformer.awaitSynced(Duration.ofSeconds(30))
                        || !nodeInformer.awaitSynced(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("the benchmark's informers did not sync");
                }
                fleet = new SimulatedFleet(agents.forNode("node-1"), agents::forNode, clock, o.runtime());

                // N agents register; the node is Ready when its agent's status says so.
                long t0 = System.nanoTime();
                fleet.addAll(configs(o.nodes()), o.registerParallelism());
                Duration registered = Phases.since(t0);
                Duration nodesReady = phases.await(() -> nodes.ready() >= o.nodes(), t0);
                phases.say("nodes: registered " + Phases.ms(registered) + ", Ready " + Phases.ms(nodesReady));

                // A new DaemonSet: created, bound, Ready (Ready as each node's agent reports it).
                long t1 = System.nanoTime();
                bench.create(Phases.daemonSet(NS, o.maxUnavailable()));
                Duration created =
                        phases.await(() -> pods.count(Phases.IMAGE_V1, PodTally.Stage.CREATED) >= o.nodes(), t1);
                Duration bound = phases.await(() -> pods.count(Phases.IMAGE_V1, PodTally.Stage.BOUND) >= o.nodes(), t1);
                Duration ready = phases.await(() -> pods.count(Phases.IMAGE_V1, PodTally.Stage.READY) >= o.nodes(), t1);
                phases.say("new DaemonSet: created " + Phases.ms(created) + ", bound " + Phases.ms(bound) + ", Ready "
                        + Phases.ms(ready));
                phases.await(
                        () -> {
                            var s = bench.get(DaemonSet.class, NS, Phases.DS).getStatus();
                            return s != null && s.getNumberAvailable() != null && s.getNumberAvailable() >= o.nodes();
                        },
                        t1);

                // A rolling update: every pod replaced by one of the new template; the agents stop
                // the old ones (grace period, then their final delete) and start the new ones.
                long t2 = System.nanoTime();
                bench.patch(
                        DaemonSet.class,
                        NS,
                        Phases.DS,
                        PatchType.STRATEGIC,
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":" + "[{\"name\":\"agent\",\"image\":\""
                                + Phases.IMAGE_V2 + "\"}]}}}}");
                Duration rolled = phases.await(
                        () -> pods.count(Phases.IMAGE_V2, PodTally.Stage.READY) >= o.nodes()
                                && pods.live(Phases.IMAGE_V1) == 0,
                        t2);
                phases.say("rolling update at maxUnavailable " + o.maxUnavailable() + ": " + Phases.ms(rolled));

                // One more node: its agent registers, and its daemon pod is bound and Ready.
                String extra = "node-extra";
                long t3 = System.nanoTime();
                fleet.add(AgentConfig.defaults(extra));
                Duration extraBound = phases.await(() -> pods.boundAt(extra) != 0, t3);
                if (extraBound != null) extraBound = Duration.ofNanos(pods.boundAt(extra) - t3);
                Duration extraReady = phases.await(() -> pods.readyAt(extra) != 0, t3);
                if (extraReady != null) extraReady = Duration.ofNanos(pods.readyAt(extra) - t3);
                phases.say("new node: daemon pod bound after " + Phases.ms(extraBound) + ", Ready after "
                        + Phases.ms(extraReady));

                long heap = Phases.heapAfterGc();
                return new Result(
                        o.nodes(),
                        backend,
                        registered,
                        nodesReady,
                        created,
                        bound,
                        ready,
                        rolled,
                        extraBound,
                        extraReady,
                        heap,
                        Phases.loadAverage());
            } finally {
                if (fleet != null) fleet.close();
                podInformer.close();
                nodeInformer.close();
                bench.close();
                agents.close();
            }
        }
    }

    /** node-00000 … with the kubelet's defaults (10 s Lease renewals and status reports). */
    static List<AgentConfig> configs(int n) {
        List<AgentConfig> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(AgentConfig.defaults(String.format("node-%05d", i)));
        return out;
    }
}

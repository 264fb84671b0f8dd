package io.everynode.cli.bench;

import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.store.Percentiles;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How long {@code everynode up --nodes N} takes to be usable: {@code up}'s own start path (the
 * caller's {@link Starter}) into a fresh directory, then until all N nodes are Ready, then a
 * DaemonSet until it has N Ready pods, then the latency of single-object writes while the N
 * agents heartbeat, and the heap. A measurement, never a test.
 */
public final class UpBenchmark {
    static final String NS = "default";

    private UpBenchmark() {}

    /** Starts the cluster the way {@code up} does; answers a client of it and what stops it. */
    public interface Starter {
        Started start() throws Exception;
    }

    public record Started(KubeClient client, AutoCloseable cluster) {}

    /**
     * @param writes single-object writes (Lease creates, the object a heartbeat writes) sent after the DaemonSet is Ready
     * @param writeRate their rate per second, one at a time
     */
    public record Options(int nodes, int writes, double writeRate, Duration phaseTimeout, Consumer<String> out) {}

    /** Durations from the start of {@code up}; null when not reached. Write latencies in ms. */
    public record Result(
            int nodes,
            Duration started,
            Duration nodesReady,
            Duration daemonSetReady,
            int writes,
            double writeP50Ms,
            double writeP99Ms,
            double writeMaxMs,
            long heapAfterGcBytes,
            String loadAverage) {
        public boolean complete() {
            return started != null && nodesReady != null && daemonSetReady != null;
        }

        @Override
        public String toString() {
            return String.format(
                    """
                    up: %d simulated nodes (load average at the end: %s)
                      up's start path returned:     %s
                      all nodes Ready:              %s
                      DaemonSet, all pods Ready:    %s (from its create)
                      %d writes while heartbeating: p50 %.2f ms, p99 %.2f ms, max %.2f ms
                      heap after GC:                %d MiB""",
                    nodes,
                    loadAverage,
                    Phases.ms(started),
                    Phases.ms(nodesReady),
                    Phases.ms(daemonSetReady),
                    writes,
                    writeP50Ms,
                    writeP99Ms,
                    writeMaxMs,
                    heapAfterGcBytes >> 20);
        }
    }

    public static Result run(Options o, Starter starter) throws Exception {
        Phases phases = new Phases(o.phaseTimeout(), o.out());
        long t0 = System.nanoTime();
        Started s = starter.start();
        Duration started = Phases.since(t0);
        phases.say("up: start path returned after " + Phases.ms(started));
        PodTally pods = new PodTally();
        NodeTally nodes = new NodeTally();
        AutoCloseable cluster = s.cluster();
        try (Informer<Pod> podInformer = new Informer<>(s.client(), Pod.class, NS);
                Informer<Node> nodeInformer = new Informer<>(s.client(), Node.class, null)) {
            podInformer.addEventHandler(pods.handler());
            nodeInformer.addEventHandler(nodes.handler());
            podInformer.start();
            nodeInformer.start();
            Duration nodesReady = phases.await(() -> nodes.ready() >= o.nodes(), t0);
            phases.say("up: all " + o.nodes() + " nodes Ready after " + Phases.ms(nodesReady));

            long t1 = System.nanoTime();
            s.client().create(Phases.daemonSet(NS, "10%"));
            Duration dsReady = phases.await(() -> pods.count(Phases.IMAGE_V1, PodTally.Stage.READY) >= o.nodes(), t1);
            phases.say("up: DaemonSet has " + o.nodes() + " Ready pods after " + Phases.ms(dsReady));

            long[] latencies = new long[o.writes()];
            long interval = o.writeRate() > 0 ? (long) (1e9 / o.writeRate()) : 0;
            long start = System.nanoTime();
            for (int i = 0; i < o.writes(); i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                long before = System.nanoTime();
                s.client()
                        .create(new LeaseBuilder()
                                .withNewMetadata()
                                .withName("bench-" + i)
                                .withNamespace(NS)
                                .endMetadata()
                                .withNewSpec()
                                .withHolderIdentity("bench")
                                .endSpec()
                                .build());
                latencies[i] = System.nanoTime() - Math.min(before, due); // a late send is charged its delay
            }
            Percentiles p = Percentiles.of(latencies);
            return new Result(
                    o.nodes(),
                    started,
                    nodesReady,
                    dsReady,
                    p.count(),
                    p.millisAt(0.5),
                    p.millisAt(0.99),
                    p.max() / 1e6,
                    Phases.heapAfterGc(),
                    Phases.loadAverage());
        } finally {
            cluster.close(); // after the informers on it, as a try's resources close in reverse
        }
    }
}

package io.everynode.cli.bench;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.controllers.nodelifecycle.NodeLifecycleConfig;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The DaemonSet control loop at scale, in one process: an API server on SQLite (or memory), the
 * controller manager, N registered Node objects, and the benchmark playing N kubelets through a
 * pod informer ({@link Kubelets}). Prints the phases of a new DaemonSet, a rolling update, and a
 * single new node, and the heap after a full GC. A measurement, never a test.
 *
 * <p>The node lifecycle controller runs with a one-hour grace period: nothing heartbeats here,
 * and the measurement is of placement, not of node failure handling.
 */
public final class DaemonSetBenchmark {
    static final String NS = "bench";
    static final String DS = "agent";
    static final String IMAGE_V1 = "registry.local/agent:1";
    static final String IMAGE_V2 = "registry.local/agent:2";

    private DaemonSetBenchmark() {}

    /** How the run is shaped. {@code dataDir} null: the memory store. */
    public record Options(int nodes, Path dataDir, String maxUnavailable, int nodeWriters, int kubeletWorkers,
            Duration phaseTimeout) {}

    /** The figures of one run. Durations are from the start of each phase. */
    public record Result(int nodes, String backend, Duration registerNodes, Duration allCreated, Duration allBound,
            Duration allReady, Duration rollingUpdate, Duration newNodePodBound, long heapAfterGcBytes,
            long readyPatches, long graceZeroDeletes) {
        @Override
        public String toString() {
            return String.format("""
                    daemonset: %d nodes, %s store
                      register nodes:               %s
                      new DaemonSet, all created:   %s
                      new DaemonSet, all bound:     %s
                      new DaemonSet, all Ready:     %s
                      rolling update (image), done: %s
                      new node to daemon pod bound: %s
                      heap after GC:                %d MiB
                      (kubelet work: %d status patches, %d grace-0 deletes)""",
                    nodes, backend, ms(registerNodes), ms(allCreated), ms(allBound), ms(allReady), ms(rollingUpdate),
                    ms(newNodePodBound), heapAfterGcBytes >> 20, readyPatches, graceZeroDeletes);
        }

        private static String ms(Duration d) {
            return d == null ? "not reached" : d.toMillis() + " ms";
        }
    }

    public static Result run(Options o) throws Exception {
        Clock clock = Clock.systemUTC();
        String backend = o.dataDir() == null ? "memory" : "sqlite";
        try (Store store = Stores.open(o.dataDir() == null ? StoreConfig.memory() : StoreConfig.sqlite(o.dataDir()), clock)) {
            ApiServer api = new ApiServer(ApiServerConfig.defaults(), store, clock);
            KubeClient controllers = KubeClient.inProcess(api);
            KubeClient bench = KubeClient.inProcess(api);
            NodeLifecycleConfig lifecycle = NodeLifecycleConfig.defaults();
            ControllerManager manager = new ControllerManager(ControllerManagerConfig.defaults().withNodeLifecycle(
                    new NodeLifecycleConfig(Duration.ofHours(1), Duration.ofHours(1), lifecycle.monitorPeriod())), controllers, clock);
            Kubelets kubelets = new Kubelets(bench, o.kubeletWorkers());
            Informer<io.fabric8.kubernetes.api.model.Pod> pods =
                    new Informer<>(bench, io.fabric8.kubernetes.api.model.Pod.class, NS);
            try {
                manager.start();
                bench.create(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build());
                pods.addEventHandler(kubelets);
                pods.start();
                if (!pods.awaitSynced(Duration.ofSeconds(30))) throw new IllegalStateException("the pod informer did not sync");

                long t0 = System.nanoTime();
                registerNodes(bench, o.nodes(), o.nodeWriters());
                Duration register = since(t0);
                System.out.println("registered " + o.nodes() + " nodes in " + register.toMillis() + " ms");

                // A new DaemonSet: created, bound, Ready (the kubelets mark pods as they bind).
                long t1 = System.nanoTime();
                bench.create(daemonSet(o.maxUnavailable()));
                Duration created = await(o, () -> kubelets.count(IMAGE_V1, Kubelets.Stage.CREATED) >= o.nodes(), t1);
                Duration bound = await(o, () -> kubelets.count(IMAGE_V1, Kubelets.Stage.BOUND) >= o.nodes(), t1);
                Duration ready = await(o, () -> kubelets.count(IMAGE_V1, Kubelets.Stage.READY) >= o.nodes(), t1);
                System.out.println("new DaemonSet: created " + ms(created) + ", bound " + ms(bound) + ", Ready " + ms(ready));
                await(o, () -> {
                    var s = bench.get(DaemonSet.class, NS, DS).getStatus();
                    return s != null && s.getNumberAvailable() != null && s.getNumberAvailable() == o.nodes();
                }, t1);

                // A rolling update: every pod replaced by one of the new template, ready at once.
                long t2 = System.nanoTime();
                bench.patch(DaemonSet.class, NS, DS, PatchType.STRATEGIC, "{\"spec\":{\"template\":{\"spec\":{\"containers\":"
                        + "[{\"name\":\"agent\",\"image\":\"" + IMAGE_V2 + "\"}]}}}}");
                Duration rolled = await(o, () -> kubelets.count(IMAGE_V2, Kubelets.Stage.READY) >= o.nodes()
                        && kubelets.live(IMAGE_V1) == 0, t2);
                System.out.println("rolling update at maxUnavailable " + o.maxUnavailable() + ": " + ms(rolled));

                // One more node: how long until its daemon pod is bound.
                String extra = "node-extra";
                long t3 = System.nanoTime();
                registerNode(bench, extra);
                Duration newNode = await(o, () -> kubelets.boundAt(extra) != 0, t3);
                if (newNode != null) newNode = Duration.ofNanos(kubelets.boundAt(extra) - t3);
                System.out.println("new node: daemon pod bound after " + ms(newNode));

                long heap = heapAfterGc();
                return new Result(o.nodes(), backend, register, created, bound, ready, rolled, newNode, heap,
                        kubelets.readyPatches(), kubelets.deletes());
            } finally {
                pods.close();
                kubelets.close();
                manager.close();
                bench.close();
                controllers.close();
                api.close();
            }
        }
    }

    /** N nodes written by a few concurrent writers, as N kubelets registering would. */
    static void registerNodes(KubeClient client, int n, int writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w;
                done.add(pool.submit(() -> {
                    for (int i = first; i < n; i += writers) registerNode(client, String.format("node-%05d", i));
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A Ready node with 4 cpu, 16Gi and room for 110 pods: create, then status (as a kubelet does). */
    static void registerNode(KubeClient client, String name) {
        Node created = client.create(new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name).endMetadata().withNewSpec().endSpec().build());
        String now = Clock.systemUTC().instant().toString();
        Map<String, Quantity> resources = Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"), "pods", new Quantity("110"));
        client.updateStatus(new NodeBuilder(created).withNewStatus().withAllocatable(resources).withCapacity(resources)
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastHeartbeatTime(now).withLastTransitionTime(now)
                .endCondition().endStatus().build());
    }

    static DaemonSet daemonSet(String maxUnavailable) {
        return new DaemonSetBuilder().withNewMetadata().withName(DS).withNamespace(NS).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", DS).endSelector()
                .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(maxUnavailable)).withMaxSurge(new IntOrString(0)).endRollingUpdate()
                .endUpdateStrategy()
                .withNewTemplate().withNewMetadata().addToLabels("app", DS).endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage(IMAGE_V1)
                .withNewResources().addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("64Mi"))
                .endResources().endContainer().endSpec().endTemplate().endSpec().build();
    }

    /** Polls every 5 ms until {@code done}; answers the time since {@code start}, or null on timeout. */
    private static Duration await(Options o, BooleanSupplier done, long start) throws InterruptedException {
        long deadline = start + o.phaseTimeout().toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                System.out.println("  (phase timed out after " + o.phaseTimeout().toSeconds() + " s)");
                return null;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return since(start);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String ms(Duration d) {
        return d == null ? "not reached" : d.toMillis() + " ms";
    }

    /** Heap in use after a full collection (the benchmark's own informer cache included). */
    private static long heapAfterGc() throws TimeoutException {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

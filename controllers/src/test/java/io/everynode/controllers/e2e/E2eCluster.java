package io.everynode.controllers.e2e;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.http.HttpFrontend;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.controllers.nodelifecycle.NodeLifecycleConfig;
import io.everynode.controllers.podgc.PodGcConfig;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A real API server on a memory store, served over HTTP on a loopback port, with every controller
 * of the {@link ControllerManager} running in process (as {@code everynode server} runs them), and
 * the real kubectl pointed at it. Node heartbeats are not simulated, so the node lifecycle grace
 * period is long enough that no test outlives it.
 */
final class E2eCluster implements AutoCloseable {
    static final String NS = "default";

    final Store store;
    final ApiServer api;
    final HttpFrontend http;
    final KubeClient client;
    final ControllerManager manager;
    final Kubectl kubectl;

    E2eCluster(Path workDir) throws Exception {
        Clock clock = Clock.systemUTC();
        store = Stores.open(StoreConfig.memory(), clock);
        api = new ApiServer(ApiServerConfig.defaults(), store, clock);
        http = new HttpFrontend(api, "127.0.0.1", 0);
        http.start();
        api.advertise("127.0.0.1:" + http.port());
        client = KubeClient.inProcess(api);
        ControllerManager m = null;
        try {
            m = new ControllerManager(ControllerManagerConfig.defaults()
                    .withNodeLifecycle(new NodeLifecycleConfig(Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofSeconds(1)))
                    .withPodGc(new PodGcConfig(12500, Duration.ofSeconds(1), Duration.ofMillis(500))), client, clock);
            m.start();
        } catch (Exception | Error e) {
            if (m != null) m.close();
            client.close();
            http.close();
            api.close();
            store.close();
            throw e;
        }
        manager = m;
        kubectl = new Kubectl("http://127.0.0.1:" + http.port(), workDir);
    }

    /** A Ready node with the given allocatable cpu and memory, room for 110 pods. */
    Node addNode(String name, String cpu, String memory) {
        Node created = client.create(new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name).endMetadata().withNewSpec().endSpec().build());
        String now = Clock.systemUTC().instant().toString();
        Node withStatus = new NodeBuilder(created).withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110")))
                .withCapacity(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110")))
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastHeartbeatTime(now).withLastTransitionTime(now)
                .endCondition().endStatus().build();
        return client.updateStatus(withStatus);
    }

    Node addNode(String name) {
        return addNode(name, "4", "8Gi");
    }

    void label(String node, String key, String value) {
        client.patch(Node.class, null, node, PatchType.MERGE,
                "{\"metadata\":{\"labels\":{\"" + key + "\":" + (value == null ? "null" : "\"" + value + "\"") + "}}}");
    }

    /** Every pod in {@link #NS}, terminating ones included. */
    List<Pod> pods() {
        return client.list(Pod.class, NS).items();
    }

    /** Pods of {@link #NS} without a deletionTimestamp. */
    List<Pod> livePods() {
        return pods().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    DaemonSet daemonSet(String name) {
        return client.get(DaemonSet.class, NS, name);
    }

    /** The status counters of a DaemonSet, absent (omitted zero) counters read as 0. */
    record Counts(int desired, int current, int ready, int updated, int available, int misscheduled, long observedGeneration) {}

    Counts counts(String name) {
        var s = daemonSet(name).getStatus();
        if (s == null) return new Counts(0, 0, 0, 0, 0, 0, 0);
        return new Counts(n(s.getDesiredNumberScheduled()), n(s.getCurrentNumberScheduled()), n(s.getNumberReady()),
                n(s.getUpdatedNumberScheduled()), n(s.getNumberAvailable()), n(s.getNumberMisscheduled()),
                s.getObservedGeneration() == null ? 0 : s.getObservedGeneration());
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }

    /** The DaemonSet's revisions, lowest revision number first. */
    List<ControllerRevision> revisions() {
        return client.list(ControllerRevision.class, NS).items().stream()
                .sorted(Comparator.comparing(ControllerRevision::getRevision)).toList();
    }

    List<Event> events(String involved, String reason) {
        return client.list(Event.class, NS).items().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
    }

    @Override
    public void close() throws Exception {
        manager.close();
        client.close();
        http.close();
        api.close();
        store.close();
    }
}

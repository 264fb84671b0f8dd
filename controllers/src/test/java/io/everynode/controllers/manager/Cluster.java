package io.everynode.controllers.manager;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.http.HttpFrontend;
import io.everynode.client.KubeClient;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real API server on a memory store, served over HTTP on a loopback port as well, with a
 * {@link ControllerManager} running in process against it, on the system clock.
 */
final class Cluster implements AutoCloseable {
    final Store store;
    final ApiServer api;
    final HttpFrontend http;
    final KubeClient client;
    final ControllerManager manager;

    Cluster(ControllerManagerConfig config) throws Exception {
        Clock clock = Clock.systemUTC();
        store = Stores.open(StoreConfig.memory(), clock);
        api = new ApiServer(ApiServerConfig.defaults(), store, clock);
        http = new HttpFrontend(api, "127.0.0.1", 0);
        http.start();
        api.advertise("127.0.0.1:" + http.port());
        client = KubeClient.inProcess(api);
        ControllerManager m = null;
        try {
            m = new ControllerManager(config, client, clock);
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
    }

    String url() {
        return "http://127.0.0.1:" + http.port();
    }

    /** A Ready node with the given allocatable cpu and memory, room for 110 pods. */
    Node addNode(String name, String cpu, String memory) {
        return addNode(new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name)
                .endMetadata().withNewSpec().endSpec().build(), cpu, memory);
    }

    Node addNode(Node node, String cpu, String memory) {
        Node created = client.create(node);
        String now = Clock.systemUTC().instant().toString();
        Node withStatus = new NodeBuilder(created).withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110")))
                .withCapacity(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110")))
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status").withLastHeartbeatTime(now).withLastTransitionTime(now)
                .endCondition().endStatus().build();
        return client.updateStatus(withStatus);
    }

    void addPriorityClass(String name, int value) {
        client.create(new PriorityClassBuilder().withNewMetadata().withName(name).endMetadata().withValue(value).build());
    }

    /** A pod in "default" with one container requesting {@code cpu} and {@code memory} (null: none). */
    static PodBuilder pod(String name, String cpu, String memory) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox:1.36")
                .withNewResources().endResources().endContainer().endSpec();
        if (cpu != null) b.editSpec().editFirstContainer().editResources().addToRequests("cpu", new Quantity(cpu))
                .endResources().endContainer().endSpec();
        if (memory != null) b.editSpec().editFirstContainer().editResources().addToRequests("memory", new Quantity(memory))
                .endResources().endContainer().endSpec();
        return b;
    }

    Optional<Pod> pod(String name) {
        return client.list(Pod.class, "default").items().stream().filter(p -> p.getMetadata().getName().equals(name))
                .findFirst();
    }

    String nodeNameOf(String pod) {
        return pod(pod).map(p -> p.getSpec().getNodeName()).orElse(null);
    }

    /** Events in "default" about the object named {@code involved} with {@code reason}. */
    List<Event> events(String involved, String reason) {
        return client.list(Event.class, "default").items().stream()
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

package io.everynode.controllers.testing;

import io.everynode.apiserver.ApiServer;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.controlplane.ControlPlane;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One server process as {@code everynode server} runs it, for tests: a real API server on a store
 * (memory unless told), served over HTTP on a loopback port as well, with a
 * {@link ControllerManager} running in process against it, all on the system clock. The query
 * helpers look at namespace {@link #NS}.
 */
public final class InProcessCluster implements AutoCloseable {
    public static final String NS = "default";

    public final Store store;
    public final ApiServer api;
    public final KubeClient client;
    public final ControllerManager manager;
    private final ControlPlane controlPlane;

    public InProcessCluster(ControllerManagerConfig config) throws Exception {
        this(StoreConfig.memory(), config);
    }

    public InProcessCluster(StoreConfig storeConfig, ControllerManagerConfig config) throws Exception {
        controlPlane = ControlPlane.builder()
                .store(storeConfig)
                .controllers(config)
                .build()
                .start();
        store = controlPlane.store();
        api = controlPlane.api();
        client = controlPlane.client();
        manager = controlPlane.controllers();
    }

    public String url() {
        return controlPlane.url();
    }

    /** The real kubectl pointed at this server; its kubeconfig and cache live in {@code workDir}. */
    public Kubectl kubectl(Path workDir) throws IOException {
        return Kubectl.forServer(url(), workDir);
    }

    /** A Ready node with 4 cpu and 8Gi allocatable, room for 110 pods. */
    public Node addNode(String name) {
        return addNode(name, "4", "8Gi");
    }

    /** A Ready node with the given allocatable cpu and memory, room for 110 pods. */
    public Node addNode(String name, String cpu, String memory) {
        return addNode(
                new NodeBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("kubernetes.io/hostname", name)
                        .endMetadata()
                        .withNewSpec()
                        .endSpec()
                        .build(),
                cpu,
                memory);
    }

    public Node addNode(Node node, String cpu, String memory) {
        Node created = client.create(node);
        String now = Clock.systemUTC().instant().toString();
        Map<String, Quantity> resources =
                Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "pods", new Quantity("110"));
        Node withStatus = new NodeBuilder(created)
                .withNewStatus()
                .withAllocatable(resources)
                .withCapacity(resources)
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .withReason("KubeletReady")
                .withMessage("kubelet is posting ready status")
                .withLastHeartbeatTime(now)
                .withLastTransitionTime(now)
                .endCondition()
                .endStatus()
                .build();
        return client.updateStatus(withStatus);
    }

    /** Sets (or, for a null value, removes) one label of a node. */
    public void label(String node, String key, String value) {
        client.patch(
                Node.class,
                null,
                node,
                PatchType.MERGE,
                "{\"metadata\":{\"labels\":{\"" + key + "\":" + (value == null ? "null" : "\"" + value + "\"") + "}}}");
    }

    public void addPriorityClass(String name, int value) {
        client.create(new PriorityClassBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withValue(value)
                .build());
    }

    /** A pod in {@link #NS} with one container requesting {@code cpu} and {@code memory} (null: none). */
    public static PodBuilder pod(String name, String cpu, String memory) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("busybox:1.36")
                .withNewResources()
                .endResources()
                .endContainer()
                .endSpec();
        if (cpu != null)
            b.editSpec()
                    .editFirstContainer()
                    .editResources()
                    .addToRequests("cpu", new Quantity(cpu))
                    .endResources()
                    .endContainer()
                    .endSpec();
        if (memory != null)
            b.editSpec()
                    .editFirstContainer()
                    .editResources()
                    .addToRequests("memory", new Quantity(memory))
                    .endResources()
                    .endContainer()
                    .endSpec();
        return b;
    }

    /** Every pod in {@link #NS}, terminating ones included. */
    public List<Pod> pods() {
        return client.list(Pod.class, NS).items();
    }

    /** Pods of {@link #NS} without a deletionTimestamp. */
    public List<Pod> livePods() {
        return pods().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }

    public Optional<Pod> pod(String name) {
        return pods().stream()
                .filter(p -> p.getMetadata().getName().equals(name))
                .findFirst();
    }

    /** The node a pod is bound to; null while it is unbound or when there is no such pod. */
    public String nodeNameOf(String pod) {
        return pod(pod).map(p -> p.getSpec().getNodeName()).orElse(null);
    }

    public DaemonSet daemonSet(String name) {
        return client.get(DaemonSet.class, NS, name);
    }

    /** The status counters of a DaemonSet, absent (omitted zero) counters read as 0. */
    public record Counts(
            int desired,
            int current,
            int ready,
            int updated,
            int available,
            int misscheduled,
            long observedGeneration) {}

    public Counts counts(String daemonSet) {
        var s = daemonSet(daemonSet).getStatus();
        if (s == null) return new Counts(0, 0, 0, 0, 0, 0, 0);
        return new Counts(
                n(s.getDesiredNumberScheduled()),
                n(s.getCurrentNumberScheduled()),
                n(s.getNumberReady()),
                n(s.getUpdatedNumberScheduled()),
                n(s.getNumberAvailable()),
                n(s.getNumberMisscheduled()),
                s.getObservedGeneration() == null ? 0 : s.getObservedGeneration());
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }

    /** The revisions in {@link #NS}, lowest revision number first. */
    public List<ControllerRevision> revisions() {
        return client.list(ControllerRevision.class, NS).items().stream()
                .sorted(Comparator.comparing(ControllerRevision::getRevision))
                .toList();
    }

    /** Events in {@link #NS} about the object named {@code involved} with {@code reason}. */
    public List<Event> events(String involved, String reason) {
        return client.list(Event.class, NS).items().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .toList();
    }

    @Override
    public void close() {
        controlPlane.close();
    }
}

package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a restart on the same data directory the controllers resync from the store and never
 * create a second pod for a node (R2.9, R2.11: the informers' first list, not the expectations,
 * is what the new process trusts).
 */
class RestartTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Store, API and manager of one process lifetime. */
    private static final class Process implements AutoCloseable {
        final Store store;
        final ApiServer api;
        final KubeClient client;
        final ControllerManager manager;

        Process(Path dir) throws Exception {
            Clock clock = Clock.systemUTC();
            store = Stores.open(StoreConfig.sqlite(dir), clock);
            api = new ApiServer(ApiServerConfig.defaults(), store, clock);
            client = KubeClient.inProcess(api);
            manager = new ControllerManager(ControllerManagerConfig.defaults()
                    .withControllers(ControllerManager.DAEMONSET, ControllerManager.SCHEDULER), client, clock);
            manager.start();
        }

        List<Pod> pods() {
            return client.list(Pod.class, "default").items();
        }

        @Override
        public void close() {
            manager.close();
            client.close();
            api.close();
            store.close();
        }
    }

    @Test
    void aRestartedServerKeepsOnePodPerNodeAndCreatesNoSecond(@TempDir Path dir) throws Exception {
        Set<String> before;
        try (Process p = new Process(dir)) {
            for (String n : List.of("n1", "n2")) addNode(p.client, n);
            p.client.create(daemonSet());
            await().atMost(WAIT).until(() -> p.pods().stream().filter(x -> x.getSpec().getNodeName() != null).count() == 2);
            before = p.pods().stream().map(x -> x.getMetadata().getName()).collect(Collectors.toSet());
        }

        try (Process p = new Process(dir)) {
            // Play the kubelet so that the status can only reach 2 Ready after the new controller synced.
            for (Pod pod : p.pods()) {
                p.client.patch(Pod.class, "default", pod.getMetadata().getName(), PatchType.STRATEGIC,
                        "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
                                + "\"lastTransitionTime\":\"" + Instant.now() + "\"}]}}", "status");
            }
            await().atMost(WAIT).until(() -> {
                var s = p.client.get(DaemonSet.class, "default", "agent").getStatus();
                return s.getNumberReady() != null && s.getNumberReady() == 2;
            });
            assertThat(p.pods()).extracting(x -> x.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(before);
        }
    }

    private static void addNode(KubeClient client, String name) {
        var node = client.create(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build());
        String now = Instant.now().toString();
        Map<String, Quantity> alloc = Map.of("cpu", new Quantity("4"), "memory", new Quantity("8Gi"), "pods", new Quantity("110"));
        client.updateStatus(new NodeBuilder(node).withNewStatus().withAllocatable(alloc).withCapacity(alloc)
                .addNewCondition().withType("Ready").withStatus("True").withLastHeartbeatTime(now).withLastTransitionTime(now)
                .endCondition().endStatus().build());
    }

    private static DaemonSet daemonSet() {
        return new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace("default").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
                .withNewSpec().addNewContainer().withName("agent").withImage("agent:1").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}

package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.controllers.testing.InProcessCluster;
import io.everynode.controllers.testing.Kubelet;
import io.everynode.store.StoreConfig;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a restart on the same data directory the controllers resync from the store and never
 * create a second pod for a node (R2.9, R2.11: the informers' first list, not the expectations,
 * is what the new process trusts).
 */
class RestartIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** One server process lifetime on the SQLite store in {@code dir}. */
    private static InProcessCluster server(Path dir) throws Exception {
        return new InProcessCluster(
                StoreConfig.sqlite(dir),
                ControllerManagerConfig.defaults()
                        .withControllers(ControllerManager.DAEMONSET, ControllerManager.SCHEDULER));
    }

    @Test
    void aRestartedServerKeepsOnePodPerNodeAndCreatesNoSecond(@TempDir Path dir) throws Exception {
        Set<String> before;
        try (InProcessCluster p = server(dir)) {
            p.addNode("n1");
            p.addNode("n2");
            p.client.create(daemonSet());
            await().atMost(WAIT)
                    .until(() -> p.pods().stream()
                                    .filter(x -> x.getSpec().getNodeName() != null)
                                    .count()
                            == 2);
            before = p.pods().stream().map(x -> x.getMetadata().getName()).collect(Collectors.toSet());
        }

        try (InProcessCluster p = server(dir)) {
            // Play the kubelet so that the status can only reach 2 Ready after the new controller synced.
            new Kubelet(p.client, InProcessCluster.NS).step();
            await().atMost(WAIT).until(() -> {
                var s = p.client.get(DaemonSet.class, "default", "agent").getStatus();
                return s.getNumberReady() != null && s.getNumberReady() == 2;
            });
            assertThat(p.pods()).extracting(x -> x.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(before);
        }
    }

    private static DaemonSet daemonSet() {
        return new DaemonSetBuilder()
                .withNewMetadata()
                .withName("agent")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "agent")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "agent")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("agent")
                .withImage("agent:1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}

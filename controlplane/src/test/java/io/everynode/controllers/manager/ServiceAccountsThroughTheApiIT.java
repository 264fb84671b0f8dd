package io.everynode.controllers.manager;

import static org.awaitility.Awaitility.await;

import io.everynode.client.ApiError;
import io.everynode.controllers.testing.InProcessCluster;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ServiceAccount controller run by the manager: every namespace keeps its {@code default} account. */
class ServiceAccountsThroughTheApiIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster(
                ControllerManagerConfig.defaults().withControllers(ControllerManager.SERVICE_ACCOUNT));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private boolean hasDefault(String namespace) {
        try {
            cluster.client.get(ServiceAccount.class, namespace, "default");
            return true;
        } catch (ApiError e) {
            if (e.isNotFound()) return false;
            throw e;
        }
    }

    @Test
    void aNewNamespaceHasADefaultServiceAccountAndADeletedOneComesBack() {
        cluster.client.create(new NamespaceBuilder()
                .withNewMetadata()
                .withName("monitoring")
                .endMetadata()
                .build());
        await().atMost(WAIT).until(() -> hasDefault("monitoring"));

        cluster.client.delete(ServiceAccount.class, "monitoring", "default");

        await().atMost(WAIT).until(() -> hasDefault("monitoring"));
    }

    @Test
    void theNamespacesEveryClusterStartsWithHaveOne() {
        await().atMost(WAIT).until(() -> hasDefault("default") && hasDefault("kube-system"));
    }
}

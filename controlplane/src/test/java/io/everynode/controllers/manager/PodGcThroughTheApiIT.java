package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.controllers.podgc.PodGcConfig;
import io.everynode.controllers.testing.InProcessCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pod GC, run by the manager on the real clock with a 1 s quarantine (R10.5). */
class PodGcThroughTheApiIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster(ControllerManagerConfig.defaults()
                .withControllers(ControllerManager.POD_GC)
                .withPodGc(new PodGcConfig(12_500, Duration.ofSeconds(1), Duration.ofMillis(200))));
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void aPodBoundToANodeThatDoesNotExistIsDeletedAfterTheQuarantineWhileAPodOnARealNodeStays() {
        cluster.addNode("real", "4", "8Gi");
        cluster.client.create(InProcessCluster.pod("stays", null, null)
                .editSpec()
                .withNodeName("real")
                .endSpec()
                .build());
        cluster.client.create(InProcessCluster.pod("orphan", null, null)
                .editSpec()
                .withNodeName("ghost")
                .endSpec()
                .build());

        await().atMost(WAIT).until(() -> cluster.pod("orphan").isEmpty());

        assertThat(cluster.pod("stays"))
                .hasValueSatisfying(
                        p -> assertThat(p.getMetadata().getDeletionTimestamp()).isNull());
    }
}

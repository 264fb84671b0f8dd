package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.controllers.testing.InProcessCluster;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl over HTTP, against a server whose scheduler runs in the manager. */
class KubectlDescribeIT {
    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster(ControllerManagerConfig.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void describePodOfAnUnschedulablePodPrintsTheFailedSchedulingEvent(@TempDir Path dir) throws Exception {
        cluster.addNode(
                new NodeBuilder()
                        .withNewMetadata()
                        .withName("infra")
                        .endMetadata()
                        .withNewSpec()
                        .addNewTaint()
                        .withKey("dedicated")
                        .withValue("infra")
                        .withEffect("NoSchedule")
                        .endTaint()
                        .endSpec()
                        .build(),
                "4",
                "8Gi");
        Kubectl kubectl = cluster.kubectl(dir);
        kubectl.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: main
                    image: nginx:1.27
                """);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !cluster.events("web", "FailedScheduling").isEmpty());

        String described = kubectl.ok("describe", "pod", "web");
        assertThat(described).contains("PodScheduled", "False");
        assertThat(described)
                .containsPattern("Warning\\s+FailedScheduling\\s+.*default-scheduler\\s+0/1 nodes are available: "
                        + "1 node\\(s\\) had untolerated taint \\{dedicated: infra\\}\\.");
    }
}

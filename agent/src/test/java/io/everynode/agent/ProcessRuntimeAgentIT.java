package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.process.ProcessRuntime;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node agent driving the process runtime against a real API server. */
class ProcessRuntimeAgentIT {
    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();
    private final String node = "p-" + UUID.randomUUID().toString().substring(0, 8);
    private ProcessRuntime runtime;
    private NodeAgent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) agent.close();
        if (runtime != null) {
            cluster.pod("sleeper")
                    .ifPresent(p -> runtime.removePod(p.getMetadata().getUid()));
            runtime.close();
        }
        cluster.close();
    }

    @Test
    void aPodRunsAsAProcessAndAKilledProcessComesBackWithRestartCountOne() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        runtime = new ProcessRuntime(ProcessRuntime.Config.of(dir.resolve("root"), dir.resolve("images"), node));
        agent = NodeAgent.start(cluster.client, TestCluster.agentConfig(node), runtime, Clock.systemUTC());
        assertThat(cluster.condition(node, "ResourceLimitsEnforced")).isIn("True", "False");
        assertThat(cluster.node(node).getStatus().getNodeInfo().getContainerRuntimeVersion())
                .isEqualTo("process://" + ProcessRuntime.VERSION);

        Pod pod = new PodBuilder(TestCluster.pod("sleeper", node).build())
                .editSpec()
                .editFirstContainer()
                .withCommand("sh", "-c", "echo up; exec sleep 600")
                .endContainer()
                .endSpec()
                .build();
        cluster.client.create(pod);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        cluster.pod("sleeper").map(TestCluster::runningAndReady).orElse(false));
        String uid = cluster.pod("sleeper").orElseThrow().getMetadata().getUid();

        long child = Long.parseLong(
                Files.readString(dir.resolve("root/pods").resolve(uid).resolve("main/1/child"))
                        .trim());
        new ProcessBuilder("kill", "-KILL", Long.toString(child)).start().waitFor();

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Pod p = cluster.pod("sleeper").orElseThrow();
            var cs = p.getStatus().getContainerStatuses().get(0);
            return cs.getRestartCount() == 1 && cs.getState().getRunning() != null;
        });
        var cs = cluster.pod("sleeper")
                .orElseThrow()
                .getStatus()
                .getContainerStatuses()
                .get(0);
        assertThat(cs.getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(cs.getContainerID()).startsWith("process://");
        assertThat(runtime.logFile(uid, "main", true)).isPresent();
    }

    @Test
    void aNewImageRestartsOnlyThatContainersProcessInTheSamePod() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        runtime = new ProcessRuntime(ProcessRuntime.Config.of(dir.resolve("root"), dir.resolve("images"), node));
        agent = NodeAgent.start(cluster.client, TestCluster.agentConfig(node), runtime, Clock.systemUTC());
        cluster.client.create(InPlaceImageChange.twoContainers("sleeper", node));
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        cluster.pod("sleeper").map(TestCluster::runningAndReady).orElse(false));
        String uid = cluster.pod("sleeper").orElseThrow().getMetadata().getUid();
        String sideChild =
                Files.readString(dir.resolve("root/pods").resolve(uid).resolve("side/1/child"));

        InPlaceImageChange.changeMainImage(cluster, "sleeper", Duration.ofSeconds(60));

        assertThat(Files.readString(dir.resolve("root/pods").resolve(uid).resolve("side/1/child")))
                .isEqualTo(sideChild);
    }
}

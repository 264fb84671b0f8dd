package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.container.BusyboxImage;
import io.everynode.agent.container.LoopbackNetwork;
import io.everynode.agent.container.RuncRuntime;
import io.everynode.agent.process.ProcessRuntime;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl top}, end to end: agents report usage, the API server serves metrics.k8s.io,
 * the real kubectl prints it.
 */
class KubectlTopIT {
    private static final Duration REPORTS = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private final TestCluster cluster = new TestCluster();
    private ContainerRuntime runtime;
    private NodeAgent agent;
    private String uid;

    @AfterEach
    void tearDown() {
        if (agent != null) agent.close();
        if (runtime != null) {
            if (uid != null) runtime.removePod(uid);
            runtime.close();
        }
        cluster.close();
    }

    @Test
    void kubectlTopPrintsASimulatedNodeAndItsPodUsingWhatThePodRequests() throws Exception {
        runtime = new SimulatedRuntime(TestCluster.runtimeConfig(), Clock.systemUTC(), "n1");
        agent = NodeAgent.start(
                cluster.client,
                TestCluster.agentConfig("n1").withUsageReportInterval(REPORTS),
                runtime,
                Clock.systemUTC());
        cluster.client.create(new PodBuilder(TestCluster.pod("web", "n1").build())
                .editMetadata()
                .addToLabels("app", "web")
                .endMetadata()
                .editSpec()
                .editFirstContainer()
                .withNewResources()
                .addToRequests("cpu", new Quantity("250m"))
                .addToRequests("memory", new Quantity("64Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .build());
        Kubectl kubectl = Kubectl.forServer(cluster.url().toString(), dir.resolve("kubectl"));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(columns(kubectl.ok("top", "pods", "-A", "--no-headers")))
                        .containsExactly("default", "web", "250m", "64Mi"));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(columns(kubectl.ok("top", "nodes", "--no-headers")))
                        .startsWith("n1", "250m"));
        // Each read in an await: a reading that straddles a millisecond may show 251m for a moment.
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(kubectl.ok("top", "pods", "-l", "app=web", "--no-headers"))
                        .contains("web"));
        assertThat(kubectl.ok("top", "pods", "-l", "app=other", "--no-headers")).doesNotContain("web");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(columns(kubectl.ok("top", "pods", "--containers", "--no-headers")))
                        .containsExactly("web", "main", "250m", "64Mi"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                kubectl.ok("top", "pods", "--field-selector", "metadata.name=web", "--no-headers"))
                        .contains("web"));
        assertThat(kubectl.ok("top", "pods", "--field-selector", "metadata.name!=web", "--no-headers"))
                .doesNotContain("web");
    }

    @Test
    void aSimulatedFleetWhoseNodesCallAsThemselvesShowsEveryNodeAndEveryDaemonPod() throws Exception {
        try (SimulatedFleet fleet = new SimulatedFleet(
                cluster.nodeClient("node-1"), cluster::nodeClient, Clock.systemUTC(), TestCluster.runtimeConfig())) {
            for (int i = 1; i <= 3; i++)
                fleet.add(TestCluster.agentConfig("node-" + i).withUsageReportInterval(REPORTS));
            var ds = TestCluster.daemonSet("logs");
            ds.getSpec()
                    .getTemplate()
                    .getMetadata()
                    .setAnnotations(Map.of(SimulatedRuntime.MEMORY_ANNOTATION, "100Mi"));
            ds.getSpec()
                    .getTemplate()
                    .getSpec()
                    .getContainers()
                    .get(0)
                    .setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                            .addToRequests("cpu", new Quantity("100m"))
                            .build());
            cluster.client.create(ds);
            Kubectl kubectl = Kubectl.forServer(cluster.url().toString(), dir.resolve("kubectl"));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                var lines = kubectl.ok("top", "pods", "-A", "--no-headers")
                        .strip()
                        .lines()
                        .toList();
                assertThat(lines).hasSize(3);
                assertThat(lines)
                        .allSatisfy(l -> assertThat(columns(l).subList(2, 4)).containsExactly("100m", "100Mi"));
            });
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(kubectl.ok("top", "nodes", "--no-headers")
                                    .strip()
                                    .lines()
                                    .map(l -> columns(l).get(0)))
                            .containsExactly("node-1", "node-2", "node-3"));
        }
    }

    @Test
    void aPodWithoutReadingsIsNotFoundAsMetricsServerAnswers() throws Exception {
        Kubectl kubectl = Kubectl.forServer(cluster.url().toString(), dir.resolve("kubectl"));
        cluster.client.create(TestCluster.pod("idle", "nowhere").build());

        var r = kubectl.run("top", "pod", "idle");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("podmetrics.metrics.k8s.io \"default/idle\" not found");
    }

    @Test
    void aProcessContainerThatTakesMemoryShowsItInKubectlTop() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux /proc");
        String node = "p-" + UUID.randomUUID().toString().substring(0, 8);
        runtime = new ProcessRuntime(ProcessRuntime.Config.of(dir.resolve("root"), dir.resolve("images"), node));
        aContainerTakingMemoryShowsIt(node);
    }

    @Test
    void aRuncContainerThatTakesMemoryShowsItInKubectlTop() throws Exception {
        assumeTrue(
                RuncRuntime.unavailable("runc").isEmpty(),
                () -> RuncRuntime.unavailable("runc").orElse(""));
        assumeTrue(BusyboxImage.available(), "busybox-static (/bin/busybox) is needed for the test image");
        assumeTrue(RuncRuntime.find("ip") != null, "ip(8) is needed for the test pod network");
        String node = "r-" + UUID.randomUUID().toString().substring(0, 8);
        runtime = new RuncRuntime(
                new RuncRuntime.Config(dir.resolve("root"), node, "127.0.0.1", "runc"),
                new BusyboxImage(dir.resolve("image")),
                new LoopbackNetwork("en-top-"));
        aContainerTakingMemoryShowsIt(node);
    }

    /** Runs a pod on {@code node} (its runtime set) that takes 200 MB on the test's signal; kubectl top follows. */
    private void aContainerTakingMemoryShowsIt(String node) throws Exception {
        agent = NodeAgent.start(
                cluster.client,
                TestCluster.agentConfig(node).withUsageReportInterval(REPORTS),
                runtime,
                Clock.systemUTC());
        Path go = dir.resolve("go");
        Files.createDirectories(go);
        // Waits for the test's signal (a file in a hostPath volume), then holds a 200 MB shell variable.
        Pod pod = new PodBuilder(TestCluster.pod("hog", node).build())
                .editSpec()
                .addNewVolume()
                .withName("signal")
                .withNewHostPath()
                .withPath(go.toString())
                .endHostPath()
                .endVolume()
                .editFirstContainer()
                .addNewVolumeMount()
                .withName("signal")
                .withMountPath(go.toString())
                .endVolumeMount()
                .withCommand(
                        "sh",
                        "-c",
                        "while [ ! -e " + go.resolve("go") + " ]; do sleep 0.1; done;"
                                + " x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo held; exec sleep 600")
                .endContainer()
                .endSpec()
                .build();
        cluster.client.create(pod);
        uid = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> cluster.pod("hog")
                                .map(p -> p.getMetadata().getUid())
                                .orElse(null),
                        u -> u != null);
        Kubectl kubectl = Kubectl.forServer(cluster.url().toString(), dir.resolve("kubectl"));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(memoryMi(kubectl.ok("top", "pod", "hog", "--no-headers")))
                        .isLessThan(50));
        Files.writeString(go.resolve("go"), "");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(memoryMi(kubectl.ok("top", "pod", "hog", "--no-headers")))
                        .isGreaterThan(150));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(columns(kubectl.ok("top", "node", node, "--no-headers")))
                        .first()
                        .isEqualTo(node));
    }

    private static java.util.List<String> columns(String out) {
        return Arrays.stream(out.strip().split("\\s+")).toList();
    }

    /** The MEMORY(bytes) column of one {@code kubectl top pod NAME --no-headers} line, in Mi. */
    private static long memoryMi(String out) {
        String m = columns(out).get(2);
        return Quantity.getAmountInBytes(new Quantity(m)).longValue() >> 20;
    }
}

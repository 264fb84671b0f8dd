package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The project's own manifests in {@code examples/} (one per topic of the guide), each applied as
 * written with the real kubectl on a cluster of simulated nodes started with {@code up}'s code:
 * every DaemonSet gets one Ready pod on exactly the nodes its placement rules allow. Five nodes,
 * each standing for a kind of node the examples tell apart:
 * node-1 the control plane (label and NoSchedule taint, as kubeadm sets them), node-2 reserved
 * ({@code dedicated=gpu:NoSchedule}), node-3 {@code disktype=ssd}, node-4 {@code node-type=spot},
 * node-5 plain.
 *
 * <p>Each example has a namespace and DaemonSets of its own, and only resources.yaml requests
 * resources (a little): the tests run side by side, so the others finish while the surge update
 * waits out its minReadySeconds node after node.
 */
@Execution(ExecutionMode.CONCURRENT)
class ExamplesIT {
    /** The nodes a DaemonSet without tolerations or selectors runs on. */
    static final List<String> UNTAINTED = List.of("node-3", "node-4", "node-5");

    static GuideCluster cluster;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        cluster = GuideCluster.up(5, dir);
        cluster.controlPlane("node-1");
        cluster.kubectl("taint", "node", "node-2", "dedicated=gpu:NoSchedule");
        cluster.kubectl("label", "node", "node-3", "disktype=ssd");
        cluster.kubectl("label", "node", "node-4", "node-type=spot");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    /** An example's text as it is in the repository. */
    static String example(String file) throws Exception {
        String root = System.getProperty("everynode.root", System.getProperty("user.dir") + "/..");
        return Files.readString(Path.of(root, "examples", file));
    }

    /** Applies the example and answers what kubectl printed. */
    static String apply(String file) throws Exception {
        return cluster.apply(example(file));
    }

    /** The DaemonSet's status, as {@code kubectl get ds} reports it: desired and ready. */
    static String desiredAndReady(String namespace, String ds) {
        return cluster.kubectl(
                "get",
                "ds",
                "-n",
                namespace,
                ds,
                "-o",
                "jsonpath={.status.desiredNumberScheduled}/{.status.numberReady}");
    }

    @Test
    void theLoggingAgentRunsOnEveryUntaintedNodeWithTheNodesLogDirectoriesMounted() throws Exception {
        assertThat(apply("logging-agent.yaml"))
                .isEqualTo("namespace/log-shipping created\ndaemonset.apps/log-shipper created\n");

        cluster.awaitOneReadyPodOn("log-shipping", "log-shipper", UNTAINTED);
        await().atMost(GuideCluster.WAIT)
                .until(() -> desiredAndReady("log-shipping", "log-shipper").equals("3/3"));
        Pod pod = cluster.podOn("log-shipping", "log-shipper", "node-5");
        // (besides the kube-api-access-* token volume every pod gets)
        assertThat(pod.getSpec().getVolumes())
                .filteredOn(v -> v.getHostPath() != null)
                .extracting(v -> v.getHostPath().getPath())
                .containsExactly("/var/log", "/var/log/pods");
    }

    @Test
    void aNodeSelectorAndARequiredNodeAffinityEachPickTheirNodes() throws Exception {
        assertThat(apply("node-selection.yaml"))
                .isEqualTo("namespace/node-selection created\n"
                        + "daemonset.apps/cache-warmer created\ndaemonset.apps/usage-reporter created\n");

        cluster.awaitOneReadyPodOn("node-selection", "cache-warmer", List.of("node-3"));
        cluster.awaitOneReadyPodOn("node-selection", "usage-reporter", List.of("node-3", "node-5"));
    }

    @Test
    void theTolerationsLetTheAgentOntoTheControlPlaneAndTheDedicatedNode() throws Exception {
        assertThat(apply("tolerations.yaml"))
                .isEqualTo("namespace/tolerations created\ndaemonset.apps/security-sensor created\n");

        cluster.awaitOneReadyPodOn(
                "tolerations", "security-sensor", List.of("node-1", "node-2", "node-3", "node-4", "node-5"));
    }

    @Test
    void aSurgeUpdateReplacesEveryPodAndTheRolloutCompletes() throws Exception {
        assertThat(apply("surge-update.yaml"))
                .isEqualTo("namespace/surge-update created\ndaemonset.apps/metrics-agent created\n");
        cluster.awaitOneReadyPodOn("surge-update", "metrics-agent", UNTAINTED);
        // Every old pod Available (Ready for minReadySeconds), so the surge budget of one node at a
        // time applies (an unavailable old pod is replaced at once, R5.5).
        await().atMost(GuideCluster.WAIT)
                .until(() -> cluster.kubectl(
                                "get",
                                "ds",
                                "-n",
                                "surge-update",
                                "metrics-agent",
                                "-o",
                                "jsonpath={.status.numberAvailable}")
                        .equals("3"));
        List<String> before = cluster.pods("surge-update", "app=metrics-agent").stream()
                .map(p -> p.getMetadata().getName())
                .toList();

        cluster.kubectl("rollout", "restart", "-n", "surge-update", "ds/metrics-agent");

        assertThat(cluster.kubectl("rollout", "status", "-n", "surge-update", "ds/metrics-agent", "--timeout=60s"))
                .endsWith("daemon set \"metrics-agent\" successfully rolled out\n");
        cluster.awaitOneReadyPodOn("surge-update", "metrics-agent", UNTAINTED);
        assertThat(cluster.pods("surge-update", "app=metrics-agent"))
                .extracting(p -> p.getMetadata().getName())
                .doesNotContainAnyElementsOf(before);
    }

    @Test
    void theDaemonPodsCarryTheValueOfTheirPriorityClass() throws Exception {
        assertThat(apply("priority.yaml"))
                .isEqualTo("priorityclass.scheduling.k8s.io/node-agent-high created\n"
                        + "namespace/priority created\ndaemonset.apps/network-agent created\n");

        cluster.awaitOneReadyPodOn("priority", "network-agent", UNTAINTED);
        assertThat(cluster.pods("priority", "app=network-agent")).allSatisfy(p -> {
            assertThat(p.getSpec().getPriority()).isEqualTo(500000);
            assertThat(p.getSpec().getPriorityClassName()).isEqualTo("node-agent-high");
        });
    }

    @Test
    void requestsBelowLimitsMakeBurstablePodsOnEveryUntaintedNode() throws Exception {
        assertThat(apply("resources.yaml"))
                .isEqualTo("namespace/resources created\ndaemonset.apps/storage-agent created\n");

        cluster.awaitOneReadyPodOn("resources", "storage-agent", UNTAINTED);
        assertThat(cluster.pods("resources", "app=storage-agent")).allSatisfy(p -> {
            assertThat(p.getStatus().getQosClass()).isEqualTo("Burstable");
            assertThat(p.getSpec()
                            .getContainers()
                            .get(0)
                            .getResources()
                            .getLimits()
                            .get("memory")
                            .toString())
                    .isEqualTo("384Mi");
        });
    }

    @Test
    void theProbedAgentBecomesReadyThroughItsStartupAndReadinessProbes() throws Exception {
        assertThat(apply("probes.yaml"))
                .isEqualTo("namespace/probes created\ndaemonset.apps/health-checked-agent created\n");

        cluster.awaitOneReadyPodOn("probes", "health-checked-agent", UNTAINTED);
        await().atMost(GuideCluster.WAIT)
                .until(() -> desiredAndReady("probes", "health-checked-agent").equals("3/3"));
        assertThat(cluster.pods("probes", "app=health-checked-agent"))
                .allSatisfy(p -> assertThat(p.getSpec()
                                .getContainers()
                                .get(0)
                                .getStartupProbe()
                                .getHttpGet()
                                .getPath())
                        .isEqualTo("/healthz"));
    }
}

package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.RequiresGuide;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Guide, "Priority classes": the {@code daemonset-critical} PriorityClass as written, with the
 * guide's node-exporter fragment completed (the resource table's Node Exporter row supplies its
 * requests), and the {@code system-node-critical} fragment. Before the exporter arrives, node-3 is
 * filled by an application pod that requests all of its 4 cpu, so the exporter's pod there can
 * only run by preempting it.
 *
 * <p>For "the kubelet evicts Pods by priority", memory use is simulated: a pod's use is its
 * {@code everynode.io/simulate-memory} annotation and a node's available memory its allocatable
 * (8Gi) minus its pods' use. The exporter's template carries 100Mi (above its 32Mi request).
 */
@RequiresGuide
class PriorityClassesGuideIT {
    static GuideCluster cluster;
    static GuideSnippets guide;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        guide = GuideSnippets.load();
        cluster = GuideCluster.up(3, dir);
        cluster.namespace("apps");
        cluster.namespace("monitoring");
        cluster.apply(appPod("apps", "big-app", "node-3", "4"));
        cluster.apply(appPod("apps", "small-app", "node-2", "1"));
        await().atMost(GuideCluster.WAIT)
                .until(() -> cluster.pods("apps", "").stream().allMatch(GuideCluster::ready));

        List<String> blocks = guide.yaml("Priority classes");
        List<ObjectNode> docs = Manifests.documents(blocks.get(0));
        assertThat(cluster.apply(docs.get(0)))
                .isEqualTo("priorityclass.scheduling.k8s.io/daemonset-critical created\n");
        ObjectNode exporter = Manifests.daemonSet("monitoring", "node-exporter");
        Manifests.merge(exporter, docs.get(1));
        GuideSnippets.AgentRow row = guide.table("Resource requests and limits").get(1);
        assertThat(row.agentType()).isEqualTo("Metrics (Node Exporter)");
        Manifests.withResources(exporter, ResourcesGuideIT.resources(row));
        Manifests.merge(
                exporter,
                Manifests.yaml("spec: {template: {metadata: {annotations: {everynode.io/simulate-memory: 100Mi}}}}"));
        cluster.apply(exporter);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    static String appPod(String ns, String name, String node, String cpu) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: %s, labels: {app: application}}
                spec:
                  nodeSelector: {kubernetes.io/hostname: %s}
                  containers:
                    - {name: app, image: example/app:1, resources: {requests: {cpu: "%s"}}}
                """.formatted(name, ns, node, cpu);
    }

    @Test
    void everyNodeExporterPodCarriesTheDaemonSetCriticalPriority() {
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(cluster.pods("monitoring", "app=node-exporter"))
                        .hasSize(3));
        assertThat(cluster.pods("monitoring", "app=node-exporter")).allSatisfy(p -> {
            assertThat(p.getSpec().getPriorityClassName()).isEqualTo("daemonset-critical");
            assertThat(p.getSpec().getPriority()).isEqualTo(1_000_000);
        });
    }

    @Test
    void theExporterPreemptsTheLowerPriorityApplicationPodOnTheFullNodeAndNoOther() {
        cluster.awaitOneReadyPodOn("monitoring", "node-exporter", List.of("node-1", "node-2", "node-3"));

        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(cluster.pods("apps", "app=application"))
                        .extracting(p -> p.getMetadata().getName())
                        .containsExactly("small-app"));
        Pod small = cluster.pods("apps", "app=application").get(0);
        assertThat(GuideCluster.ready(small))
                .as("the app on node-2 had room beside the exporter and stays")
                .isTrue();
        assertThat(cluster.kubectl(
                        "get",
                        "events",
                        "-n",
                        "apps",
                        "--field-selector",
                        "involvedObject.name=big-app",
                        "-o",
                        "jsonpath={range .items[*]}{.reason}{\"\\n\"}{end}"))
                .contains("Preempted");
    }

    /**
     * On node-1 an application pod requests 8000Mi and uses 8050Mi: with the exporter's 100Mi the
     * node has 42Mi left, under the 100Mi threshold. Both pods use more than they request, and the
     * exporter by more (68Mi to 50Mi), so by use alone it would go first (R9.3); its priority
     * keeps it, and the application pod is evicted.
     */
    @Test
    void underMemoryPressureTheKubeletEvictsTheApplicationPodAndTheExporterStays() {
        await().atMost(GuideCluster.WAIT)
                .until(() -> cluster.podsByNode("monitoring", "node-exporter").containsKey("node-1")
                        && GuideCluster.ready(cluster.podsByNode("monitoring", "node-exporter")
                                .get("node-1")
                                .get(0)));
        Pod exporter =
                cluster.podsByNode("monitoring", "node-exporter").get("node-1").get(0);
        cluster.namespace("shop");
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop, annotations: {everynode.io/simulate-memory: 8050Mi}}
                spec:
                  nodeSelector: {kubernetes.io/hostname: node-1}
                  containers:
                    - {name: web, image: example/web:1, resources: {requests: {memory: 8000Mi}}}
                """);

        await().atMost(GuideCluster.WAIT)
                .until(() ->
                        cluster.pod("shop", "web").map(GuideCluster::evicted).orElse(false));
        assertThat(cluster.eventReasons("shop", "web")).contains("Evicted");
        assertThat(cluster.nodeCondition("node-1", "MemoryPressure")).isEqualTo("True");
        Pod after = cluster.pod("monitoring", exporter.getMetadata().getName()).orElseThrow();
        assertThat(after.getMetadata().getUid())
                .isEqualTo(exporter.getMetadata().getUid());
        assertThat(GuideCluster.ready(after)).as("the exporter still runs").isTrue();
        assertThat(cluster.eventReasons("monitoring", exporter.getMetadata().getName()))
                .doesNotContain("Evicted");
    }

    @Test
    void theBuiltInSystemNodeCriticalClassGivesTheHighestPriority() {
        cluster.namespace("kube-network");
        cluster.apply(Manifests.with(
                Manifests.daemonSet("kube-network", "cni"),
                guide.yaml("Priority classes").get(1)));
        cluster.awaitOneReadyPodOn("kube-network", "cni", List.of("node-1", "node-2", "node-3"));
        assertThat(cluster.pods("kube-network", "app=cni")).allSatisfy(p -> {
            assertThat(p.getSpec().getPriorityClassName()).isEqualTo("system-node-critical");
            assertThat(p.getSpec().getPriority()).isEqualTo(2_000_001_000);
        });
        assertThat(cluster.kubectl(
                        "get",
                        "priorityclass",
                        "-o",
                        "jsonpath={range .items[*]}{.metadata.name}={.value}{\"\\n\"}{end}"))
                .contains("system-node-critical=2000001000", "daemonset-critical=1000000");
    }
}

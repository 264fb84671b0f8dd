package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.RequiresGuide;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Guide, "Resource limits and requests": the table of four agent types, the "Always set requests"
 * block and the capacity-planning note (256Mi per node on 100 nodes is 25Gi), read back as
 * {@code kubectl describe node} reports it, and "the first evicted under memory pressure" on a
 * simulated node (a pod's memory use is its {@code everynode.io/simulate-memory} annotation).
 */
@RequiresGuide
class ResourcesGuideIT {
    static GuideCluster cluster;
    static GuideSnippets guide;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        guide = GuideSnippets.load();
        cluster = GuideCluster.up(3, dir.resolve("small"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    /** The guide's "Always set requests" block with one table row's values in its four places. */
    static String resources(GuideSnippets.AgentRow row) {
        ObjectNode block = Manifests.yaml(GuideSnippets.load().onlyYaml("Resource requests and limits"));
        ObjectNode r = (ObjectNode) block.get("resources");
        ((ObjectNode) r.get("requests")).put("cpu", row.cpuRequest()).put("memory", row.memoryRequest());
        ((ObjectNode) r.get("limits")).put("cpu", row.cpuLimit()).put("memory", row.memoryLimit());
        return Manifests.json(block);
    }

    private static String qos(String ns, String app) {
        await().atMost(GuideCluster.WAIT)
                .until(() -> cluster.pods(ns, "app=" + app).size() == 3);
        return cluster.kubectl(
                        "get",
                        "pods",
                        "-n",
                        ns,
                        "-l",
                        "app=" + app,
                        "-o",
                        "jsonpath={range .items[*]}{.status.qosClass} {end}")
                .trim();
    }

    @Test
    void eachAgentTypeOfTheTableRunsWithItsRequestsAndLimitsAsBurstable() {
        List<GuideSnippets.AgentRow> rows = guide.table("Resource requests and limits");
        assertThat(rows)
                .extracting(GuideSnippets.AgentRow::agentType)
                .containsExactly(
                        "Logging (Fluent Bit)", "Metrics (Node Exporter)", "Full agent (Datadog)", "CNI (Cilium)");
        cluster.namespace("agents");
        List<String> names = List.of("logging", "metrics", "full-agent", "cni");
        for (int i = 0; i < rows.size(); i++) {
            cluster.apply(Manifests.withResources(Manifests.daemonSet("agents", names.get(i)), resources(rows.get(i))));
        }
        for (int i = 0; i < rows.size(); i++) {
            GuideSnippets.AgentRow row = rows.get(i);
            cluster.awaitOneReadyPodOn("agents", names.get(i), List.of("node-1", "node-2", "node-3"));
            for (Pod p : cluster.pods("agents", "app=" + names.get(i))) {
                var res = p.getSpec().getContainers().get(0).getResources();
                assertThat(res.getRequests())
                        .as(row.agentType())
                        .isEqualTo(Map.of(
                                "cpu", new Quantity(row.cpuRequest()), "memory", new Quantity(row.memoryRequest())));
                assertThat(res.getLimits())
                        .as(row.agentType())
                        .isEqualTo(
                                Map.of("cpu", new Quantity(row.cpuLimit()), "memory", new Quantity(row.memoryLimit())));
                assertThat(p.getStatus().getQosClass()).as(row.agentType()).isEqualTo("Burstable");
            }
        }
        // The guide's block itself is the table's first row.
        assertThat(resources(rows.get(0)))
                .isEqualTo(Manifests.json(Manifests.yaml(guide.onlyYaml("Resource requests and limits"))));
    }

    @Test
    void withoutRequestsAnAgentIsBestEffortAndWithAtLeastRequestsItIsNot() {
        cluster.namespace("qos");
        cluster.apply(Manifests.daemonSet("qos", "no-requests"));
        ObjectNode requestsOnly = Manifests.yaml(guide.onlyYaml("Resource requests and limits"));
        ((ObjectNode) requestsOnly.get("resources")).remove("limits");
        cluster.apply(
                Manifests.withResources(Manifests.daemonSet("qos", "requests-only"), Manifests.json(requestsOnly)));

        assertThat(qos("qos", "no-requests")).isEqualTo("BestEffort BestEffort BestEffort");
        assertThat(qos("qos", "requests-only")).isEqualTo("Burstable Burstable Burstable");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT) // a cluster of its own: runs beside the tests on the shared one
    void aDaemonSetRequesting256MiOnEachOf100NodesTakes25GiOfTheCluster() throws Exception {
        GuideSnippets.AgentRow full =
                guide.table("Resource requests and limits").get(2);
        assertThat(full.memoryRequest()).isEqualTo("256Mi");
        try (GuideCluster big = GuideCluster.up(100, dir.resolve("hundred"))) {
            big.namespace("monitoring");
            big.apply(Manifests.withResources(Manifests.daemonSet("monitoring", "datadog"), resources(full)));
            await().atMost(GuideCluster.WAIT)
                    .until(() -> big.kubectl(
                                    "get", "ds", "-n", "monitoring", "datadog", "-o", "jsonpath={.status.numberReady}")
                            .equals("100"));

            List<String> memoryRequests = allocatedMemoryRequests(big.kubectl("describe", "nodes"));

            assertThat(memoryRequests).hasSize(100).containsOnly("256Mi");
            BigDecimal total = memoryRequests.stream()
                    .map(q -> Quantity.getAmountInBytes(new Quantity(q)))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(new Quantity(total.divide(BigDecimal.valueOf(1L << 30)).toPlainString() + "Gi"))
                    .isEqualTo(new Quantity("25Gi"));
        }
    }

    /**
     * Two agents using 50Mi each, one without requests (BestEffort) and one with the guide's
     * block (64Mi requested), beside an application pod using exactly the 8000Mi it requests: the
     * 8Gi node has 92Mi left, under the 100Mi threshold. The BestEffort agent uses more than it
     * requests (nothing), so it goes first (R9.3); its replacements go too while the pressure
     * lasts, and the agent that set its requests is never touched.
     */
    @Test
    @Execution(ExecutionMode.CONCURRENT) // a cluster of its own: runs beside the tests on the shared one
    void underMemoryPressureTheBestEffortAgentIsEvictedFirstAndTheOneWithRequestsStays() throws Exception {
        try (GuideCluster one = GuideCluster.up(1, dir.resolve("pressure"))) {
            one.namespace("agents");
            String uses50Mi = "spec: {template: {metadata: {annotations: {everynode.io/simulate-memory: 50Mi}}}}";
            one.apply(Manifests.with(Manifests.daemonSet("agents", "no-requests"), uses50Mi));
            one.apply(Manifests.with(
                    Manifests.withResources(
                            Manifests.daemonSet("agents", "with-requests"),
                            Manifests.json(Manifests.yaml(guide.onlyYaml("Resource requests and limits")))),
                    uses50Mi));
            one.awaitOneReadyPodOn("agents", "no-requests", List.of("node-1"));
            one.awaitOneReadyPodOn("agents", "with-requests", List.of("node-1"));
            Pod bestEffort = one.pods("agents", "app=no-requests").get(0);
            Pod burstable = one.pods("agents", "app=with-requests").get(0);
            assertThat(bestEffort.getStatus().getQosClass()).isEqualTo("BestEffort");

            one.namespace("apps");
            one.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: db, namespace: apps, annotations: {everynode.io/simulate-memory: 8000Mi}}
                    spec:
                      containers:
                        - {name: db, image: example/db:1, resources: {requests: {memory: 8000Mi}}}
                    """);

            await().atMost(GuideCluster.WAIT)
                    .until(() -> one.eventReasons(
                                    "agents", bestEffort.getMetadata().getName())
                            .contains("Evicted"));
            // The application pod, started with the pressure, may still be on its way to Ready.
            await().atMost(GuideCluster.WAIT)
                    .untilAsserted(() -> assertThat(one.pod("apps", "db"))
                            .hasValueSatisfying(
                                    p -> assertThat(GuideCluster.ready(p)).isTrue()));
            Pod stays = one.pod("agents", burstable.getMetadata().getName()).orElseThrow();
            assertThat(stays.getMetadata().getUid())
                    .isEqualTo(burstable.getMetadata().getUid());
            assertThat(GuideCluster.ready(stays)).isTrue();
            assertThat(one.eventReasons("agents", burstable.getMetadata().getName()))
                    .doesNotContain("Evicted");
            assertThat(one.eventReasons("apps", "db")).doesNotContain("Evicted");

            // Room made, the DaemonSet's BestEffort agent runs again.
            one.kubectl("delete", "pod", "-n", "apps", "db");
            one.awaitOneReadyPodOn("agents", "no-requests", List.of("node-1"));
        }
    }

    /** The memory request of each node's "Allocated resources" table in {@code kubectl describe nodes}. */
    static List<String> allocatedMemoryRequests(String describe) {
        Matcher m = Pattern.compile("Allocated resources:\\n(?:.*\\n)*?\\s+memory\\s+(\\S+)\\s+\\(")
                .matcher(describe);
        List<String> out = new ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }
}

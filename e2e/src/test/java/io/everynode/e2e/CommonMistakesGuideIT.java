package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.RequiresGuide;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Guide, "Common mistakes", each reproduced and then fixed as the guide says. One cluster: eight
 * plain nodes, node-9 a GPU node ({@code dedicated=gpu:NoSchedule}), and node-8 full (an
 * application pod requests all its cpu); each test has a namespace of its own. The eviction half
 * of "No priority class" has a one-node cluster of its own, its memory use simulated (a pod's
 * {@code everynode.io/simulate-memory} annotation). "No resource limits" (a leak that OOM-kills
 * the neighbours, stopped by a memory limit) needs real processes and cgroups: the process-runtime
 * part of the suite.
 */
@RequiresGuide
class CommonMistakesGuideIT {
    static final List<String> PLAIN =
            List.of("node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7", "node-8");
    static GuideCluster cluster;
    static GuideSnippets guide;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        guide = GuideSnippets.load();
        cluster = GuideCluster.up(9, dir.resolve("main"));
        cluster.kubectl("taint", "node", "node-9", "dedicated=gpu:NoSchedule");
        cluster.namespace("apps");
        cluster.apply(PriorityClassesGuideIT.appPod("apps", "big-app", "node-8", "4"));
        await().atMost(GuideCluster.WAIT)
                .until(() -> cluster.pods("apps", "").stream().allMatch(GuideCluster::ready));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void missingTolerationsLeaveTheGpuNodeBlindUntilTheGuidesTolerationsAreAdded() {
        cluster.namespace("monitoring");
        ObjectNode ds = Manifests.daemonSet("monitoring", "agent");
        cluster.apply(ds);
        cluster.awaitOneReadyPodOn("monitoring", "agent", PLAIN);

        cluster.apply(Manifests.with(ds, guide.onlyYaml("Tolerate specific workload taints")));

        List<String> all = new java.util.ArrayList<>(PLAIN);
        all.add("node-9");
        cluster.awaitOneReadyPodOn("monitoring", "agent", all);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT) // a cluster of its own: runs beside the tests on the shared one
    void replicasOfADeploymentCanDoubleUpOnANodeAndMissANewOneWhereADaemonSetPutsExactlyOneOnEach() throws Exception {
        // The mistake as the guide describes it: the agent as a Deployment of three replicas.
        try (GuideCluster small = GuideCluster.up(2, dir.resolve("deployment"))) {
            small.namespace("web");
            small.apply("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: agent-replica, namespace: web}
                    spec:
                      replicas: 3
                      selector: {matchLabels: {app: replica}}
                      template:
                        metadata: {labels: {app: replica}}
                        spec:
                          containers: [{name: agent, image: %s}]
                    """.formatted(Manifests.AGENT_IMAGE));
            small.kubectl("rollout", "status", "-n", "web", "deployment/agent-replica", "--timeout=120s");
            await().atMost(GuideCluster.WAIT)
                    .until(() -> small.pods("web", "app=replica").size() == 3
                            && small.pods("web", "app=replica").stream().allMatch(GuideCluster::ready));
            assertThat(perNode(small.pods("web", "app=replica")).values())
                    .as("three replicas on two nodes")
                    .contains(2L);

            small.running.addNode("node-3");
            small.apply(Manifests.daemonSet("web", "agent"));
            small.awaitOneReadyPodOn("web", "agent", List.of("node-1", "node-2", "node-3"));

            assertThat(perNode(small.pods("web", "app=replica")))
                    .as("replicas per node")
                    .doesNotContainKey("node-3")
                    .containsValue(2L);
        }
    }

    private static Map<String, Long> perNode(List<Pod> pods) {
        return pods.stream().collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(), Collectors.counting()));
    }

    @Test
    void theDefaultUpdateStrategyRollsOneNodeAtATimeAndARaisedMaxUnavailableRollsSeveral() {
        cluster.namespace("defaults");
        cluster.apply(Manifests.daemonSet("defaults", "agent"));
        cluster.awaitOneReadyPodOn("defaults", "agent", PLAIN);
        assertThat(cluster.kubectl(
                        "get",
                        "ds",
                        "-n",
                        "defaults",
                        "agent",
                        "-o",
                        "jsonpath={.spec.updateStrategy.type} {.spec.updateStrategy.rollingUpdate.maxUnavailable}"))
                .isEqualTo("RollingUpdate 1");

        try (RolloutWatch watch = new RolloutWatch(cluster.client, "defaults", "agent", PLAIN)) {
            rollTo("defaults", "everynode/demo-agent:2");
            assertThat(watch.maxNodesNotServing()).as("one node at a time").isEqualTo(1);
        }

        cluster.kubectl(
                "patch",
                "ds",
                "-n",
                "defaults",
                "agent",
                "--type=merge",
                "-p",
                "{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"maxUnavailable\":\"25%\"}}}}");
        try (RolloutWatch watch = new RolloutWatch(cluster.client, "defaults", "agent", PLAIN)) {
            rollTo("defaults", "everynode/demo-agent:3");
            assertThat(watch.maxNodesNotServing())
                    .as("25% of 8 nodes at a time")
                    .isEqualTo(2);
        }
    }

    private static void rollTo(String ns, String image) {
        cluster.kubectl("set", "image", "-n", ns, "ds/agent", "agent=" + image);
        cluster.kubectl("rollout", "status", "-n", ns, "ds/agent", "--timeout=60s");
        cluster.awaitOneReadyPodOn(ns, "agent", PLAIN);
    }

    @Test
    void withoutAPriorityClassTheAgentCannotTakeItsPlaceOnAFullNodeAndWithTheGuidesClassItDoes() {
        cluster.namespace("metrics");
        ObjectNode ds = Manifests.withResources(
                Manifests.daemonSet("metrics", "exporter"),
                ResourcesGuideIT.resources(
                        guide.table("Resource requests and limits").get(1)));
        cluster.apply(ds);
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(cluster.podsByNode("metrics", "exporter"))
                        .containsOnlyKeys("", "node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7"));
        // Equal priority (0): the scheduler does not preempt, the exporter on node-8 stays Pending.
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(cluster.kubectl(
                                "get",
                                "events",
                                "-n",
                                "metrics",
                                "--field-selector",
                                "reason=FailedScheduling",
                                "-o",
                                "jsonpath={.items[*].message}"))
                        .contains("Insufficient cpu"));
        assertThat(cluster.podsByNode("metrics", "exporter")).containsKey("").doesNotContainKey("node-8");
        assertThat(cluster.pods("apps", "app=application")).hasSize(1);

        List<ObjectNode> docs =
                Manifests.documents(guide.yaml("Priority classes").get(0));
        cluster.apply(docs.get(0));
        cluster.apply(Manifests.with(ds, "spec: {template: {spec: {priorityClassName: daemonset-critical}}}"));

        cluster.awaitOneReadyPodOn("metrics", "exporter", PLAIN);
        assertThat(cluster.pods("apps", "app=application")).isEmpty();
    }

    /**
     * The monitoring agent (the guide's requests block: 64Mi) leaks to 200Mi beside an
     * application pod that requests 7800Mi and uses 7900Mi: 92Mi left of 8Gi, under the 100Mi
     * threshold. Both use more than they request; at equal priority the larger excess goes
     * first (R9.3): the agent's 136Mi over the application's 100Mi, and each replacement of it
     * again, while the pressure lasts. With the guide's daemonset-critical class the application
     * pod goes instead.
     */
    @Test
    @Execution(ExecutionMode.CONCURRENT) // a cluster of its own: runs beside the tests on the shared one
    void withoutAPriorityClassTheAgentIsEvictedUnderMemoryPressureAndWithTheGuidesClassTheApplicationIs()
            throws Exception {
        try (GuideCluster one = GuideCluster.up(1, dir.resolve("pressure"))) {
            one.namespace("monitoring");
            ObjectNode ds = Manifests.with(
                    Manifests.withResources(
                            Manifests.daemonSet("monitoring", "agent"),
                            Manifests.json(Manifests.yaml(guide.onlyYaml("Resource requests and limits")))),
                    "spec: {template: {metadata: {annotations: {everynode.io/simulate-memory: 200Mi}}}}");
            one.apply(ds);
            one.awaitOneReadyPodOn("monitoring", "agent", List.of("node-1"));
            Pod first = one.pods("monitoring", "app=agent").get(0);
            one.namespace("apps");
            one.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web, namespace: apps, annotations: {everynode.io/simulate-memory: 7900Mi}}
                    spec:
                      containers:
                        - {name: web, image: example/web:1, resources: {requests: {memory: 7800Mi}}}
                    """);

            await().atMost(GuideCluster.WAIT)
                    .until(() -> one.eventReasons(
                                    "monitoring", first.getMetadata().getName())
                            .contains("Evicted"));
            // The application pod, started with the pressure, may still be on its way to Ready.
            await().atMost(GuideCluster.WAIT)
                    .untilAsserted(() -> assertThat(one.pod("apps", "web"))
                            .hasValueSatisfying(
                                    p -> assertThat(GuideCluster.ready(p)).isTrue()));

            one.apply(Manifests.documents(guide.yaml("Priority classes").get(0)).get(0));
            one.apply(Manifests.with(ds, "spec: {template: {spec: {priorityClassName: daemonset-critical}}}"));

            await().atMost(GuideCluster.WAIT)
                    .until(() ->
                            one.pod("apps", "web").map(GuideCluster::evicted).orElse(false));
            one.awaitOneReadyPodOn("monitoring", "agent", List.of("node-1"));
            Pod agent = one.pods("monitoring", "app=agent").get(0);
            assertThat(agent.getSpec().getPriority()).isEqualTo(1_000_000);
            assertThat(one.eventReasons("monitoring", agent.getMetadata().getName()))
                    .doesNotContain("Evicted");
        }
    }
}

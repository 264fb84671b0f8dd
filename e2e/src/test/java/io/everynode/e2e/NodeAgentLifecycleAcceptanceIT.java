package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.cli.UpCommand;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Issue 4's acceptance, the parts that need no processes, as a user of {@code everynode up} sees
 * them through kubectl: an agent stopped and started again (R10.1, R10.4), and memory pressure on
 * a simulated node (R9.2-R9.4). Simulated nodes have no real memory: a pod's use is its
 * {@code everynode.io/simulate-memory} annotation, and a node's {@code memory.available} is its
 * allocatable (8Gi) minus the sum of its running pods' use; the threshold is the default 100Mi.
 * Each test has a cluster of its own: their nodes' states (silent, under pressure) must not meet.
 * Sharing nothing, they run side by side.
 */
@Execution(ExecutionMode.CONCURRENT)
class NodeAgentLifecycleAcceptanceIT {
    /** Short, so the test is quick; {@code up} makes its agents report four times as often. */
    static final Duration GRACE = Duration.ofSeconds(8);

    @Test
    void aStoppedAgentsNodeGoesNotReadyKeepsItsDaemonPodLosesItsOtherPodAfterItsTolerationAndIsReadyOnceStartedAgain(
            @TempDir Path dir) throws Exception {
        try (GuideCluster c = GuideCluster.up(new UpCommand().nodes(2).nodeMonitorGracePeriod(GRACE), dir)) {
            c.namespace("ops");
            c.apply(Manifests.daemonSet("ops", "logger"));
            // A non-daemon pod that tolerates an unreachable node for 5 s (the default would be 300 s).
            c.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: web, namespace: ops, labels: {app: web}}
                    spec:
                      nodeSelector: {kubernetes.io/hostname: node-2}
                      tolerations:
                        - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 5}
                        - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 5}
                      containers: [{name: web, image: example/web:1}]
                    """);
            c.awaitOneReadyPodOn("ops", "logger", List.of("node-1", "node-2"));
            await().atMost(GuideCluster.WAIT)
                    .until(() -> c.pod("ops", "web").map(GuideCluster::ready).orElse(false));
            Pod daemon = c.podsByNode("ops", "logger").get("node-2").get(0);

            c.running.stopNode("node-2");

            await().atMost(GuideCluster.WAIT)
                    .untilAsserted(() -> assertThat(nodeStatus(c, "node-2")).isEqualTo("NotReady"));
            assertThat(nodeStatus(c, "node-1")).isEqualTo("Ready");
            assertThat(c.nodeCondition("node-2", "Ready")).isEqualTo("Unknown");
            await().atMost(GuideCluster.WAIT)
                    .untilAsserted(() -> assertThat(c.kubectl(
                                    "get",
                                    "node",
                                    "node-2",
                                    "-o",
                                    "jsonpath={range .spec.taints[*]}{.key}:{.effect}{\"\\n\"}{end}"))
                            .contains("node.kubernetes.io/unreachable:NoExecute"));
            // After its 5 s the web pod is marked for deletion (it stays Terminating: no agent is there to finish it).
            await().atMost(GuideCluster.WAIT)
                    .until(() -> c.pod("ops", "web")
                            .map(p -> p.getMetadata().getDeletionTimestamp() != null)
                            .orElse(true));
            assertThat(c.eventReasons("ops", "web")).contains("TaintManagerEviction");
            // The daemon pod tolerates an unreachable node for ever (R2.x: the DaemonSet controller adds the
            // toleration).
            Pod stillThere = c.pod("ops", daemon.getMetadata().getName()).orElseThrow();
            assertThat(stillThere.getMetadata().getUid())
                    .isEqualTo(daemon.getMetadata().getUid());
            assertThat(stillThere.getMetadata().getDeletionTimestamp()).isNull();
            assertThat(c.pods("ops", "app=logger")).hasSize(2);

            c.running.startNode("node-2");

            await().atMost(GuideCluster.WAIT).untilAsserted(() -> {
                assertThat(nodeStatus(c, "node-2")).isEqualTo("Ready");
                assertThat(c.kubectl("get", "node", "node-2", "-o", "jsonpath={.spec.taints}"))
                        .doesNotContain("unreachable");
            });
            // Back, the agent finishes the deletion of the web pod and keeps its daemon pod running.
            await().atMost(GuideCluster.WAIT).until(() -> c.pod("ops", "web").isEmpty());
            c.awaitOneReadyPodOn("ops", "logger", List.of("node-1", "node-2"));
            Pod after = c.podsByNode("ops", "logger").get("node-2").get(0);
            assertThat(after.getMetadata().getUid())
                    .isEqualTo(daemon.getMetadata().getUid());
            assertThat(after.getStatus().getContainerStatuses().get(0).getRestartCount())
                    .isZero();
        }
    }

    /**
     * R9.3 in two steps on node-1 (8Gi): the pressure of each step is relieved by one eviction, so
     * the pod evicted is the first in order among those running. Between them a
     * system-node-critical pod using the most memory and exceeding its request is passed over
     * every time (R9.2). Pods are bound with {@code nodeName}: under MemoryPressure the node is
     * tainted, and the test's second pod is not the scheduler's subject.
     */
    @Test
    void underMemoryPressurePodsAreEvictedInRankOrderACriticalPodNeverAndTheDaemonSetReplacesItsEvictedPod(
            @TempDir Path dir) throws Exception {
        try (GuideCluster c = GuideCluster.up(new UpCommand().nodes(1), dir)) {
            c.apply("""
                    apiVersion: scheduling.k8s.io/v1
                    kind: PriorityClass
                    metadata: {name: important}
                    value: 1000
                    """);
            c.namespace("shop");
            c.namespace("logging");
            // 4000 + 500 + 1000 = 5500Mi used: 2692Mi available.
            c.apply(pod("kube-system", "critical", "system-node-critical", "4000Mi", null));
            c.apply(Manifests.with(
                    Manifests.withResources(
                            Manifests.daemonSet("logging", "logger"), "resources: {requests: {memory: 500Mi}}"),
                    "spec: {template: {metadata: {annotations: {everynode.io/simulate-memory: 500Mi}}}}"));
            c.apply(pod("shop", "web", "important", "1000Mi", "1000Mi"));
            await().atMost(GuideCluster.WAIT)
                    .until(() -> c.pod("kube-system", "critical")
                                    .map(GuideCluster::ready)
                                    .orElse(false)
                            && c.pod("shop", "web").map(GuideCluster::ready).orElse(false));
            c.awaitOneReadyPodOn("logging", "logger", List.of("node-1"));
            Pod logger = c.pods("logging", "app=logger").get(0);
            assertThat(c.nodeCondition("node-1", "MemoryPressure")).isEqualTo("False");

            // Step 1: a BestEffort pod of 2700Mi (8Mi short of the node). It uses more than its
            // request (0), so it goes first although its priority (1000) is above the logger's (0).
            c.apply(pod("shop", "hog", "important", "2700Mi", null));
            await().atMost(GuideCluster.WAIT)
                    .until(() -> c.pod("shop", "hog").map(GuideCluster::evicted).orElse(false));
            // kubectl's STATUS column shows a terminated container's reason over the pod's (as upstream's
            // does: kubernetes#105467), so the pod's own phase and reason are asked for.
            assertThat(c.kubectl(
                            "get",
                            "pods",
                            "-n",
                            "shop",
                            "--field-selector",
                            "status.phase=Failed",
                            "--no-headers",
                            "-o",
                            "custom-columns=NAME:.metadata.name,PHASE:.status.phase,REASON:.status.reason"))
                    .matches("hog\\s+Failed\\s+Evicted\\s*");
            String describe = c.kubectl("describe", "pod", "-n", "shop", "hog");
            assertThat(describe)
                    .containsPattern("Status:\\s+Failed")
                    .containsPattern("Reason:\\s+Evicted")
                    .containsPattern(
                            "Message:\\s+The node was low on resource: memory. Threshold quantity: 100Mi, available: \\S+\\. "
                                    + "Container app was using 2700Mi, request is 0, has larger consumption of memory.")
                    .containsPattern("Warning\\s+Evicted\\s+.*kubelet\\s+The node was low on resource: memory.");
            await().atMost(GuideCluster.WAIT).until(() -> "True".equals(c.nodeCondition("node-1", "MemoryPressure")));
            assertThat(c.kubectl("describe", "node", "node-1")).containsPattern("MemoryPressure\\s+True");
            assertThat(c.pod("logging", logger.getMetadata().getName()))
                    .hasValueSatisfying(p -> assertThat(GuideCluster.ready(p)).isTrue());

            // Step 2: a pod within its request (2650Mi), 58Mi short of the threshold. Nothing but the
            // critical pod exceeds its request; the critical pod is passed over, and of the pods
            // within their requests the logger has the lowest priority: it goes, not web or batch.
            c.apply(pod("shop", "batch", "important", "2650Mi", "2650Mi"));
            await().atMost(GuideCluster.WAIT)
                    .until(() -> c.pod("logging", logger.getMetadata().getName())
                            .map(GuideCluster::evicted)
                            .orElse(true));
            assertThat(c.eventReasons("logging", logger.getMetadata().getName()))
                    .contains("Evicted");
            // Its replacement would bring the pressure back; the user makes room.
            c.kubectl("delete", "pod", "-n", "shop", "batch");

            // The DaemonSet controller deletes its failed pod and starts another, which stays.
            await().atMost(GuideCluster.WAIT).untilAsserted(() -> {
                List<Pod> loggers = c.pods("logging", "app=logger");
                assertThat(loggers).hasSize(1);
                assertThat(loggers.get(0).getMetadata().getUid())
                        .isNotEqualTo(logger.getMetadata().getUid());
                assertThat(GuideCluster.ready(loggers.get(0))).isTrue();
            });
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(c.kubectl(
                                    "get", "ds", "-n", "logging", "logger", "-o", "jsonpath={.status.numberReady}"))
                            .isEqualTo("1"));
            for (String[] spared : new String[][] {{"kube-system", "critical"}, {"shop", "web"}}) {
                Pod p = c.pod(spared[0], spared[1]).orElseThrow();
                assertThat(GuideCluster.ready(p)).as(spared[1] + " runs").isTrue();
                assertThat(c.eventReasons(spared[0], spared[1]))
                        .as(spared[1] + " never evicted")
                        .doesNotContain("Evicted");
            }
            assertThat(c.pod("shop", "hog"))
                    .as("an evicted pod stays as it is")
                    .hasValueSatisfying(p -> assertThat(GuideCluster.evicted(p)).isTrue());
        }
    }

    /** {@code kubectl get node}'s STATUS column. */
    static String nodeStatus(GuideCluster c, String node) {
        return c.kubectl("get", "node", node, "--no-headers").split("\\s+")[1];
    }

    /** A one-container pod bound to node-1, using {@code memory} (simulated), with an optional memory request. */
    static String pod(String ns, String name, String priorityClass, String memory, String request) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: %s
                  annotations: {everynode.io/simulate-memory: %s}
                spec:
                  nodeName: node-1
                  priorityClassName: %s
                  containers:
                    - {name: app, image: example/app:1%s}
                """.formatted(
                        name,
                        ns,
                        memory,
                        priorityClass,
                        request == null ? "" : ", resources: {requests: {memory: " + request + "}}");
    }
}

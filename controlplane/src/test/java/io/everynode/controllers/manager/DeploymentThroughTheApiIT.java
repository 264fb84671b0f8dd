package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.PatchType;
import io.everynode.controllers.testing.InProcessCluster;
import io.everynode.controllers.testing.Kubelet;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Deployment and ReplicaSet controllers with the scheduler, run by the manager against a real
 * API server; the test plays the kubelet ({@link Kubelet#step()} inside every wait), and scales
 * with the real {@code kubectl scale} through the scale subresource.
 */
class DeploymentThroughTheApiIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NS = "web";

    private InProcessCluster cluster;
    private Kubelet kubelet;
    private Kubectl kubectl;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster(ControllerManagerConfig.defaults()
                .withControllers(
                        ControllerManager.DEPLOYMENT, ControllerManager.REPLICASET, ControllerManager.SCHEDULER));
        cluster.client.create(new NamespaceBuilder()
                .withNewMetadata()
                .withName(NS)
                .endMetadata()
                .build());
        cluster.addNode("n1");
        cluster.addNode("n2");
        kubelet = new Kubelet(cluster.client, NS);
        kubectl = cluster.kubectl(dir);
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void kubectlScaleGrowsAndShrinksTheReplicaSetsPods() {
        kubectl.apply(deployment("RollingUpdate", 2, "web:1"));
        awaitRolledOut(2, "web:1");

        assertThat(kubectl.ok("scale", "-n", NS, "deployment/web", "--replicas=4"))
                .contains("deployment.apps/web scaled");
        awaitRolledOut(4, "web:1");
        assertThat(kubectl.ok("get", "-n", NS, "deployment/web", "-o", "jsonpath={.spec.replicas}"))
                .isEqualTo("4");

        kubectl.ok("scale", "-n", NS, "deployment/web", "--replicas=1");
        awaitRolledOut(1, "web:1");
        assertThat(replicaSets()).hasSize(1);
        assertThat(kubectl.ok("get", "-n", NS, "replicaset", "-o", "jsonpath={.items[0].spec.replicas}"))
                .isEqualTo("1");
    }

    @Test
    void aRollingUpdateWithSurgeReplacesEveryPodWithoutGoingOverReplicasPlusSurge() {
        kubectl.apply(deployment("RollingUpdate", 3, "web:1"));
        awaitRolledOut(3, "web:1");

        AtomicInteger most = new AtomicInteger();
        kubectl.ok("set", "image", "-n", NS, "deployment/web", "web=web:2");
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            most.accumulateAndGet(livePods().size(), Math::max);
            return rolledOut(3, "web:2");
        });

        assertThat(most.get()).as("3 replicas + maxSurge 1").isLessThanOrEqualTo(4);
        assertThat(images(livePods())).containsOnlyKeys("web:2");
        assertThat(replicaSets().stream().map(rs -> rs.getSpec().getReplicas()).sorted())
                .containsExactly(0, 3);
    }

    @Test
    void recreateStopsEveryOldPodBeforeTheFirstNewOneIsCreated() {
        kubectl.apply(deployment("Recreate", 3, "web:1"));
        awaitRolledOut(3, "web:1");

        kubectl.ok("set", "image", "-n", NS, "deployment/web", "web=web:2");
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            Map<String, Long> images = images(cluster.client.list(Pod.class, NS).items());
            assertThat(images).as("old and new pods never together").hasSizeLessThanOrEqualTo(1);
            return rolledOut(3, "web:2");
        });
    }

    @Test
    void undoingARolloutBringsBackTheOldTemplateUnderTheNextRevision() {
        kubectl.apply(deployment("RollingUpdate", 2, "web:1"));
        awaitRolledOut(2, "web:1");
        cluster.client.patch(
                Deployment.class,
                NS,
                "web",
                PatchType.STRATEGIC,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"web:2\"}]}}}}");
        awaitRolledOut(2, "web:2");

        assertThat(kubectl.ok("rollout", "undo", "-n", NS, "deployment/web"))
                .contains("deployment.apps/web rolled back");
        awaitRolledOut(2, "web:1");

        assertThat(kubectl.ok(
                        "get",
                        "-n",
                        NS,
                        "deployment/web",
                        "-o",
                        "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"))
                .isEqualTo("3");
        assertThat(replicaSets()).hasSize(2);
    }

    private void awaitRolledOut(int replicas, String image) {
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return rolledOut(replicas, image);
        });
    }

    /** Every live pod runs {@code image} and is Ready, and the Deployment's status says so. */
    private boolean rolledOut(int replicas, String image) {
        List<Pod> live = livePods();
        Deployment d = cluster.client.get(Deployment.class, NS, "web");
        var s = d.getStatus();
        return live.size() == replicas
                && images(live).keySet().equals(java.util.Set.of(image))
                && s != null
                && s.getObservedGeneration() != null
                && s.getObservedGeneration().equals(d.getMetadata().getGeneration())
                && Integer.valueOf(replicas).equals(s.getUpdatedReplicas())
                && Integer.valueOf(replicas).equals(s.getAvailableReplicas())
                && Integer.valueOf(replicas).equals(s.getReplicas());
    }

    private List<Pod> livePods() {
        return cluster.client.list(Pod.class, NS).items().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }

    private List<ReplicaSet> replicaSets() {
        return cluster.client.list(ReplicaSet.class, NS).items();
    }

    private static Map<String, Long> images(List<Pod> pods) {
        return pods.stream()
                .collect(Collectors.groupingBy(
                        p -> p.getSpec().getContainers().get(0).getImage(), Collectors.counting()));
    }

    private static String deployment(String strategy, int replicas, String image) {
        String rolling =
                strategy.equals("RollingUpdate") ? "\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}" : "";
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: %s}
                spec:
                  replicas: %d
                  strategy:
                    type: %s%s
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers: [{name: web, image: "%s"}]
                """.formatted(NS, replicas, strategy, rolling, image);
    }
}

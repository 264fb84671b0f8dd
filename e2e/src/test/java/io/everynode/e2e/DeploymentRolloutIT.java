package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Deployment driven by the real kubectl on {@code up}'s simulated nodes: {@code rollout status},
 * {@code set image}, {@code rollout history} (with change causes), {@code rollout undo},
 * {@code rollout restart} and {@code scale}, as docs/deployments.md shows them.
 */
class DeploymentRolloutIT {
    static final String NS = "shop";
    static GuideCluster cluster;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        cluster = GuideCluster.up(3, dir);
        cluster.namespace(NS);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void aDeploymentRollsOutShowsItsHistoryIsUndoneAndRestarted() {
        cluster.apply(deployment("web", 3, Manifests.AGENT_IMAGE));
        assertThat(rolloutStatus("web")).contains("deployment \"web\" successfully rolled out");
        assertThat(images("web")).containsExactly(Manifests.AGENT_IMAGE);

        cluster.kubectl("set", "image", "-n", NS, "deployment/web", "agent=everynode/demo-agent:2");
        cluster.kubectl("annotate", "-n", NS, "deployment/web", "kubernetes.io/change-cause=demo-agent 2");
        assertThat(rolloutStatus("web")).contains("successfully rolled out");
        awaitImages("web", "everynode/demo-agent:2");

        String history = cluster.kubectl("rollout", "history", "-n", NS, "deployment/web");
        assertThat(history).contains("REVISION").contains("CHANGE-CAUSE");
        assertThat(history.lines().map(String::trim).filter(l -> l.matches("\\d+\\s.*")))
                .containsExactly("1         <none>", "2         demo-agent 2");
        assertThat(cluster.kubectl("rollout", "history", "-n", NS, "deployment/web", "--revision=1"))
                .contains("Image:\t" + Manifests.AGENT_IMAGE);

        assertThat(cluster.kubectl("rollout", "undo", "-n", NS, "deployment/web"))
                .contains("deployment.apps/web rolled back");
        assertThat(rolloutStatus("web")).contains("successfully rolled out");
        awaitImages("web", Manifests.AGENT_IMAGE);
        assertThat(cluster.kubectl("rollout", "history", "-n", NS, "deployment/web")
                        .lines()
                        .map(String::trim)
                        .filter(l -> l.matches("\\d+\\s.*"))
                        .map(l -> l.split("\\s+")[0]))
                .as("revision 1 came back as 3")
                .containsExactly("2", "3");
        assertThat(cluster.kubectl("get", "rs", "-n", NS, "-l", "app=web", "-o", "name")
                        .lines()
                        .count())
                .isEqualTo(2);

        Set<String> before = podNames("web");
        assertThat(cluster.kubectl("rollout", "restart", "-n", NS, "deployment/web"))
                .contains("deployment.apps/web restarted");
        assertThat(rolloutStatus("web")).contains("successfully rolled out");
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(podNames("web")).hasSize(3).doesNotContainAnyElementsOf(before));
        assertThat(cluster.kubectl(
                        "get",
                        "deployment",
                        "-n",
                        NS,
                        "web",
                        "-o",
                        "jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}"))
                .isNotEmpty();
    }

    @Test
    void kubectlScaleChangesTheReplicasThroughTheScaleSubresource() {
        cluster.apply(deployment("api", 1, Manifests.AGENT_IMAGE));
        rolloutStatus("api");

        assertThat(cluster.kubectl("scale", "-n", NS, "deployment/api", "--replicas=3"))
                .contains("deployment.apps/api scaled");
        assertThat(rolloutStatus("api")).contains("successfully rolled out");
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(podNames("api")).hasSize(3));
        assertThat(cluster.kubectl("get", "deployment", "-n", NS, "api", "-o", "jsonpath={.status.readyReplicas}"))
                .isEqualTo("3");

        cluster.kubectl("scale", "-n", NS, "deployment/api", "--replicas=1");
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(podNames("api")).hasSize(1));
    }

    @Test
    void aPausedDeploymentWaitsForResumeAndUndoGoesToTheRevisionAskedFor() {
        cluster.apply(deployment("cart", 2, Manifests.AGENT_IMAGE));
        rolloutStatus("cart");
        cluster.kubectl("set", "image", "-n", NS, "deployment/cart", "agent=everynode/demo-agent:2");
        rolloutStatus("cart");

        assertThat(cluster.kubectl("rollout", "pause", "-n", NS, "deployment/cart"))
                .contains("deployment.apps/cart paused");
        cluster.kubectl("set", "image", "-n", NS, "deployment/cart", "agent=everynode/demo-agent:3");
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(cluster.kubectl(
                                "get",
                                "deployment",
                                "-n",
                                NS,
                                "cart",
                                "-o",
                                "jsonpath={.status.conditions[?(@.type==\"Progressing\")].reason}"))
                        .isEqualTo("DeploymentPaused"));
        assertThat(images("cart")).as("paused: nothing rolls").containsExactly("everynode/demo-agent:2");
        assertThat(cluster.kubectl("get", "rs", "-n", NS, "-l", "app=cart", "-o", "name")
                        .lines()
                        .count())
                .as("no ReplicaSet for the paused template")
                .isEqualTo(2);

        cluster.kubectl("rollout", "resume", "-n", NS, "deployment/cart");
        assertThat(rolloutStatus("cart")).contains("successfully rolled out");
        awaitImages("cart", "everynode/demo-agent:3");

        assertThat(cluster.kubectl("rollout", "undo", "-n", NS, "deployment/cart", "--to-revision=1"))
                .contains("deployment.apps/cart rolled back");
        rolloutStatus("cart");
        awaitImages("cart", Manifests.AGENT_IMAGE);
    }

    private static String rolloutStatus(String name) {
        return cluster.kubectl("rollout", "status", "-n", NS, "deployment/" + name, "--timeout=120s");
    }

    private static Set<String> podNames(String app) {
        return live(app).stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static Set<String> images(String app) {
        return live(app).stream()
                .map(p -> p.getSpec().getContainers().get(0).getImage())
                .collect(Collectors.toSet());
    }

    private static void awaitImages(String app, String image) {
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(images(app)).containsExactly(image));
    }

    private static List<Pod> live(String app) {
        return cluster.pods(NS, "app=" + app).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }

    static String deployment(String name, int replicas, String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  replicas: %3$d
                  selector: {matchLabels: {app: %1$s}}
                  template:
                    metadata: {labels: {app: %1$s}}
                    spec:
                      containers: [{name: agent, image: "%4$s"}]
                """.formatted(name, NS, replicas, image);
    }
}

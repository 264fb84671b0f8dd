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
import tools.jackson.databind.node.ObjectNode;

/**
 * Guide, "Rolling updates": the RollingUpdate snippet (maxUnavailable 1, maxSurge 0), the same
 * with the guide's {@code maxUnavailable: 25%}, the zero-downtime snippet (maxSurge 1,
 * maxUnavailable 0), the same with {@code minReadySeconds} and {@code kubectl rollout restart}, and
 * OnDelete, each on a DaemonSet of its own in a namespace of its own, on one cluster of eight
 * nodes. A {@link RolloutWatch} samples the pods after every watch event throughout each rollout.
 * The update is an image change, as {@code kubectl set image} makes it, unless a test says otherwise.
 */
@RequiresGuide
class RollingUpdatesGuideIT {
    static final List<String> NODES =
            List.of("node-1", "node-2", "node-3", "node-4", "node-5", "node-6", "node-7", "node-8");
    static final String NEW_IMAGE = "everynode/demo-agent:2";
    static GuideCluster cluster;
    static GuideSnippets guide;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        guide = GuideSnippets.load();
        cluster = GuideCluster.up(NODES.size(), dir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    /** Applies the DaemonSet in its own namespace and waits for one Ready pod per node. */
    private static void install(String ns, ObjectNode ds) {
        cluster.namespace(ns);
        cluster.apply(ds);
        cluster.awaitOneReadyPodOn(ns, "agent", NODES);
    }

    /** Changes the image, watches the rollout to its end and answers the samples taken. */
    private static RolloutWatch rollOut(String ns) {
        try (RolloutWatch watch = new RolloutWatch(cluster.client, ns, "agent", NODES)) {
            cluster.kubectl("set", "image", "-n", ns, "ds/agent", "agent=" + NEW_IMAGE);
            cluster.kubectl("rollout", "status", "-n", ns, "ds/agent", "--timeout=60s");
            cluster.awaitOneReadyPodOn(ns, "agent", NODES);
            assertThat(cluster.pods(ns, "app=agent"))
                    .allSatisfy(p -> assertThat(image(p)).isEqualTo(NEW_IMAGE));
            return watch;
        }
    }

    private static String image(Pod p) {
        return p.getSpec().getContainers().get(0).getImage();
    }

    @Test
    void maxUnavailableOneNeverTakesMoreThanOneNodesAgentDownAtOnce() {
        String snippet = guide.onlyYaml("RollingUpdate configuration");
        assertThat(snippet).contains("maxUnavailable: 1", "maxSurge: 0");
        install("one", Manifests.with(Manifests.daemonSet("one", "agent"), snippet));

        RolloutWatch watch = rollOut("one");

        assertThat(watch.samples())
                .allSatisfy(s -> assertThat(s.nodesNotServing()).hasSizeLessThanOrEqualTo(1));
        assertThat(watch.maxNodesNotServing()).as("the budget of one was used").isEqualTo(1);
        assertThat(watch.samples())
                .allSatisfy(s -> assertThat(s.nodesWithTwoPods()).isZero());
    }

    @Test
    void maxUnavailableTwentyFivePercentOfEightNodesTakesAtMostTwoDownAtOnce() {
        ObjectNode ds =
                Manifests.with(Manifests.daemonSet("quarter", "agent"), guide.onlyYaml("RollingUpdate configuration"));
        // The guide: "For large clusters, set a percentage: maxUnavailable: 25%".
        Manifests.merge(ds, Manifests.yaml("spec: {updateStrategy: {rollingUpdate: {maxUnavailable: 25%}}}"));
        install("quarter", ds);

        RolloutWatch watch = rollOut("quarter");

        assertThat(watch.samples())
                .allSatisfy(s -> assertThat(s.nodesNotServing()).hasSizeLessThanOrEqualTo(2));
        assertThat(watch.maxNodesNotServing())
                .as("25% of 8 nodes is 2, and both were used")
                .isEqualTo(2);
    }

    @Test
    void maxSurgeOneWithMaxUnavailableZeroKeepsAReadyAgentOnEveryNodeThroughout() {
        install(
                "surge",
                Manifests.with(Manifests.daemonSet("surge", "agent"), guide.onlyYaml("Zero-downtime update strategy")));

        RolloutWatch watch = rollOut("surge");

        assertThat(watch.samples())
                .hasSizeGreaterThan(NODES.size() * 3)
                .allSatisfy(s -> assertThat(s.nodesNotServing())
                        .as("nodes without a Ready agent")
                        .isEmpty());
        assertThat(watch.samples())
                .allSatisfy(s -> assertThat(s.nodesWithTwoPods())
                        .as("nodes with a surge pod")
                        .isLessThanOrEqualTo(1));
        assertThat(watch.samples())
                .anySatisfy(s -> assertThat(s.nodesWithTwoPods()).isEqualTo(1));
    }

    @Test
    void aZeroDowntimeRolloutWithMinReadySecondsFinishesAndRolloutStatusSaysSo() {
        ObjectNode ds = Manifests.with(
                Manifests.daemonSet("surgeminready", "agent"), guide.onlyYaml("Zero-downtime update strategy"));
        // R5.6: each surged pod must stay Ready this long before its old pod goes; nothing else
        // changes at that moment, so only the controller's own requeue can move the rollout on.
        Manifests.merge(ds, Manifests.yaml("spec: {minReadySeconds: 1}"));
        install("surgeminready", ds);
        Map<String, String> before = uidsByNode("surgeminready");

        try (RolloutWatch watch = new RolloutWatch(cluster.client, "surgeminready", "agent", NODES)) {
            cluster.kubectl("rollout", "restart", "-n", "surgeminready", "ds/agent");
            assertThat(cluster.kubectl("rollout", "status", "-n", "surgeminready", "ds/agent", "--timeout=60s"))
                    .endsWith("daemon set \"agent\" successfully rolled out\n");
            assertThat(watch.samples())
                    .allSatisfy(s -> assertThat(s.nodesNotServing())
                            .as("nodes without a Ready agent")
                            .isEmpty());
        }
        cluster.awaitOneReadyPodOn("surgeminready", "agent", NODES);
        Map<String, String> after = uidsByNode("surgeminready");
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after).allSatisfy((node, uid) -> assertThat(uid).isNotEqualTo(before.get(node)));
        assertThat(cluster.kubectl(
                        "get",
                        "ds",
                        "-n",
                        "surgeminready",
                        "agent",
                        "-o",
                        "jsonpath={.status.updatedNumberScheduled}/{.status.numberAvailable}"))
                .isEqualTo("8/8");
    }

    @Test
    void onDeleteLeavesEveryPodAloneUntilItIsDeletedAndThenReplacesOnlyThatOne() {
        install(
                "ondelete",
                Manifests.with(Manifests.daemonSet("ondelete", "agent"), guide.onlyYaml("OnDelete strategy")));
        Map<String, String> before = uidsByNode("ondelete");

        cluster.kubectl("set", "image", "-n", "ondelete", "ds/agent", "agent=" + NEW_IMAGE);
        // The controller has seen the new template (a new revision counted, nothing updated) ...
        await().atMost(GuideCluster.WAIT)
                .until(() -> cluster.kubectl(
                                "get",
                                "ds",
                                "-n",
                                "ondelete",
                                "agent",
                                "-o",
                                "jsonpath={.status.observedGeneration}/{.status.updatedNumberScheduled}")
                        .equals("2/0"));
        // ... and left every pod as it was.
        assertThat(uidsByNode("ondelete")).isEqualTo(before);
        assertThat(cluster.pods("ondelete", "app=agent"))
                .allSatisfy(p -> assertThat(image(p)).isEqualTo(Manifests.AGENT_IMAGE));

        String onNode3 = cluster.podsByNode("ondelete", "agent")
                .get("node-3")
                .get(0)
                .getMetadata()
                .getName();
        cluster.kubectl("delete", "pod", "-n", "ondelete", onNode3);

        cluster.awaitOneReadyPodOn("ondelete", "agent", NODES);
        Map<String, String> after = uidsByNode("ondelete");
        assertThat(after.get("node-3")).isNotEqualTo(before.get("node-3"));
        after.remove("node-3");
        before.remove("node-3");
        assertThat(after).isEqualTo(before);
        Map<String, List<Pod>> byNode = cluster.podsByNode("ondelete", "agent");
        assertThat(image(byNode.get("node-3").get(0))).isEqualTo(NEW_IMAGE);
        assertThat(byNode.entrySet())
                .filteredOn(e -> !e.getKey().equals("node-3"))
                .allSatisfy(e -> assertThat(image(e.getValue().get(0))).isEqualTo(Manifests.AGENT_IMAGE));
        assertThat(cluster.kubectl(
                        "get", "ds", "-n", "ondelete", "agent", "-o", "jsonpath={.status.updatedNumberScheduled}"))
                .isEqualTo("1");
    }

    private static Map<String, String> uidsByNode(String ns) {
        return cluster.pods(ns, "app=agent").stream()
                .collect(Collectors.toMap(
                        p -> p.getSpec().getNodeName(),
                        p -> p.getMetadata().getUid(),
                        (a, b) -> a + "," + b,
                        java.util.TreeMap::new));
    }
}

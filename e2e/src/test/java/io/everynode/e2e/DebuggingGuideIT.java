package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.RequiresGuide;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guide, "Debugging DaemonSet issues": its three commands, run as written through bash with
 * kubectl on the PATH (only the placeholder pod name {@code fluent-bit-xxxxx} replaced), against
 * the fluent-bit DaemonSet on four nodes with two problems: node-3 carries the GPU pool's taint
 * (no pod at all), node-4 is full (a pod that cannot be scheduled).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RequiresGuide
class DebuggingGuideIT {
    static GuideCluster cluster;
    /** The bash block's three commands, comment lines included: get ds, the loop, describe pod. */
    static List<String> commands;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        GuideSnippets guide = GuideSnippets.load();
        commands = List.of(guide.bash("Debugging").get(0).split("\\n\\s*\\n"));
        assertThat(commands).hasSize(3);
        cluster = GuideCluster.up(4, dir);
        cluster.kubectl("taint", "node", "node-3", "dedicated=gpu:NoSchedule");
        cluster.namespace("apps");
        cluster.apply(PriorityClassesGuideIT.appPod("apps", "big-app", "node-4", "4"));
        await().atMost(GuideCluster.WAIT)
                .until(() -> cluster.pods("apps", "").stream().allMatch(GuideCluster::ready));
        cluster.namespace("logging");
        cluster.apply(guide.onlyYaml("Logging agents"));
        // Ready on node-1 and node-2, unscheduled (node "") for node-4.
        await().atMost(GuideCluster.WAIT).untilAsserted(() -> {
            var byNode = cluster.podsByNode("logging", "fluent-bit");
            assertThat(byNode.keySet()).containsExactly("", "node-1", "node-2");
            assertThat(byNode.get("node-1")).allMatch(GuideCluster::ready);
            assertThat(byNode.get("node-2")).allMatch(GuideCluster::ready);
            // ... and the DaemonSet's status has caught up with its pods.
            assertThat(cluster.kubectl(
                            "get", "ds", "-n", "logging", "fluent-bit", "-o", "jsonpath={.status.numberReady}"))
                    .isEqualTo("2");
        });
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void getDsShowsThreeDesiredButTwoReady() {
        assertThat(commands.get(0)).contains("kubectl get ds -n logging fluent-bit");
        String out = cluster.kubectl.shell(commands.get(0)).assertOk().out();
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0).split("\\s+"))
                .startsWith(
                        "NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE", "SELECTOR", "AGE");
        // node-3's taint takes it out of DESIRED; node-4's pod exists but is not ready.
        assertThat(lines.get(1).split("\\s+")).startsWith("fluent-bit", "3", "3", "2", "3", "2", "<none>");
    }

    @Test
    @Order(2)
    void theShellLoopNamesTheTaintedNodeAndTheFullOneAsMissing() {
        assertThat(commands.get(1)).contains("while read node", "Missing on $node");
        // node-4's pod exists but is not bound (no spec.nodeName), so the field selector finds none there either.
        assertThat(cluster.kubectl.shell(commands.get(1)).assertOk().out())
                .isEqualTo("Missing on node/node-3\nMissing on node/node-4\n");
    }

    @Test
    @Order(3)
    void describePodNamesTheResourceAndSelectorReasonsAndThenTheTaint() {
        String pending = cluster.podsByNode("logging", "fluent-bit")
                .get("")
                .get(0)
                .getMetadata()
                .getName();
        String describe = commands.get(2).replace("fluent-bit-xxxxx", pending);
        assertThat(describe).isNotEqualTo(commands.get(2));

        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(
                                cluster.kubectl.shell(describe).assertOk().out())
                        .contains("FailedScheduling", "Insufficient cpu", "didn't match Pod's node affinity/selector"));

        cluster.kubectl("taint", "node", "node-4", "dedicated=gpu:NoSchedule");
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(
                                cluster.kubectl.shell(describe).assertOk().out())
                        .contains("untolerated taint {dedicated: gpu}"));
    }
}

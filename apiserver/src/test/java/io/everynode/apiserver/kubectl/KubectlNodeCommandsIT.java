package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** kubectl label, taint, cordon, uncordon and drain (kubectl-contract.md §2.19–2.22). */
class KubectlNodeCommandsIT extends KubectlTestBase {

    @BeforeAll
    void seed() throws Exception {
        world.namespace("logging");
        for (String n : new String[] {"label-node", "taint-node", "cordon-node", "drain-node"}) world.node(n);
    }

    private ObjectNode node(String name) {
        return api.object("/api/v1/nodes/" + name);
    }

    @Test
    void labelAddsRefusesToOverwriteWithoutTheFlagOverwritesAndRemoves() {
        assertThat(kubectl.ok("label", "node", "label-node", "node-role=worker"))
                .isEqualTo("node/label-node labeled\n");
        assertThat(node("label-node").at("/metadata/labels/node-role").asString())
                .isEqualTo("worker");

        var refused = kubectl.run("label", "node", "label-node", "node-role=edge");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .isEqualTo("error: 'node-role' already has a value (worker), and --overwrite is false\n");
        assertThat(node("label-node").at("/metadata/labels/node-role").asString())
                .isEqualTo("worker");

        assertThat(kubectl.ok("label", "node", "label-node", "node-role=edge", "--overwrite"))
                .isEqualTo("node/label-node labeled\n");
        assertThat(node("label-node").at("/metadata/labels/node-role").asString())
                .isEqualTo("edge");

        assertThat(kubectl.ok("label", "node", "label-node", "node-role-")).isEqualTo("node/label-node unlabeled\n");
        assertThat(node("label-node").at("/metadata/labels/node-role").isMissingNode())
                .isTrue();
        assertThat(node("label-node")
                        .at("/metadata/labels/kubernetes.io~1hostname")
                        .asString())
                .isEqualTo("label-node");
        assertThat(kubectl.ok("get", "nodes", "-l", "node-role", "-o", "name")).isEmpty();
    }

    @Test
    void taintAddsReplacesTheListOnRemovalAndClearsTheLastOne() {
        assertThat(kubectl.ok("taint", "nodes", "taint-node", "dedicated=gpu:NoSchedule"))
                .isEqualTo("node/taint-node tainted\n");
        assertThat(kubectl.ok("taint", "nodes", "taint-node", "spot=true:NoExecute"))
                .isEqualTo("node/taint-node tainted\n");
        ObjectNode n = node("taint-node");
        assertThat(n.at("/spec/taints").size()).isEqualTo(2);
        // kubectl puts the added taint first and sends the whole list, which replaces the stored one
        assertThat(n.at("/spec/taints/0/key").asString()).isEqualTo("spot");
        assertThat(n.at("/spec/taints/0/effect").asString()).isEqualTo("NoExecute");
        assertThat(n.at("/spec/taints/1/key").asString()).isEqualTo("dedicated");

        assertThat(kubectl.ok("taint", "nodes", "taint-node", "dedicated=gpu:NoSchedule-"))
                .isEqualTo("node/taint-node untainted\n");
        n = node("taint-node");
        assertThat(n.at("/spec/taints").size()).isEqualTo(1);
        assertThat(n.at("/spec/taints/0/key").asString()).isEqualTo("spot");

        assertThat(kubectl.ok("taint", "nodes", "taint-node", "spot-")).isEqualTo("node/taint-node untainted\n");
        assertThat(node("taint-node").at("/spec/taints").isMissingNode()).isTrue();
    }

    @Test
    void cordonMarksTheNodeUnschedulableOnceAndUncordonClearsIt() {
        assertThat(kubectl.ok("cordon", "cordon-node")).isEqualTo("node/cordon-node cordoned\n");
        assertThat(node("cordon-node").at("/spec/unschedulable").asBoolean()).isTrue();
        assertThat(kubectl.ok("cordon", "cordon-node")).isEqualTo("node/cordon-node already cordoned\n");
        assertThat(kubectl.ok("get", "node", "cordon-node", "--no-headers")).contains("Ready,SchedulingDisabled");
        assertThat(kubectl.ok("uncordon", "cordon-node")).isEqualTo("node/cordon-node uncordoned\n");
        assertThat(node("cordon-node").at("/spec/unschedulable").isMissingNode())
                .isTrue();
    }

    @Test
    void drainEvictsTheBarePodAndKeepsTheDaemonSetPod() {
        ObjectNode ds = world.daemonSet("logging", "fluent-bit");
        world.daemonPod(ds, "fluent-bit-xxxxx", "drain-node");
        world.barePod("logging", "scratch", "drain-node", "{}");
        // The eviction deletes gracefully; the test plays kubelet and finishes the deletion.
        Thread kubelet = new Thread(() -> {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> {
                        var p = api.get("/api/v1/namespaces/logging/pods/scratch");
                        if (p.code() == 404) return true;
                        if (!p.json().at("/metadata/deletionTimestamp").isMissingNode()) {
                            api.delete("/api/v1/namespaces/logging/pods/scratch", "{\"gracePeriodSeconds\":0}");
                        }
                        return false;
                    });
        });
        kubelet.start();
        var r = kubectl.run("drain", "drain-node", "--ignore-daemonsets", "--force")
                .assertOk();
        // one warning line; kubectl joins its parts in map order, which varies between runs
        assertThat(r.err())
                .startsWith("Warning: ")
                .endsWith("\n")
                .hasLineCount(1)
                .contains("ignoring DaemonSet-managed Pods: logging/fluent-bit-xxxxx")
                .contains("deleting Pods that declare no controller: logging/scratch");
        assertThat(r.out())
                .isEqualTo("node/drain-node cordoned\n"
                        + "evicting pod logging/scratch\n"
                        + "pod/scratch evicted\n"
                        + "node/drain-node drained\n");
        assertThat(api.exists("/api/v1/namespaces/logging/pods/scratch")).isFalse();
        assertThat(api.object("/api/v1/namespaces/logging/pods/fluent-bit-xxxxx")
                        .at("/metadata/deletionTimestamp")
                        .isMissingNode())
                .isTrue();
        assertThat(node("drain-node").at("/spec/unschedulable").asBoolean()).isTrue();
    }
}

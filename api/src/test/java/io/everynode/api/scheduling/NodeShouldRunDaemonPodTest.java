package io.everynode.api.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.scheduling.NodeShouldRunDaemonPod.Decision;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeShouldRunDaemonPodTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain node runs the daemon                  | ''      | ''        | ''                          | ''                     | true  | true  | ''
            template nodeName for another node          | n2      | ''        | ''                          | ''                     | false | false | NodeNameMismatch
            template nodeName for this node             | n1      | ''        | ''                          | ''                     | true  | true  | ''
            nodeSelector mismatch                       | ''      | disk=ssd  | ''                          | ''                     | false | false | NodeSelectorMismatch
            untolerated NoSchedule keeps existing pod   | ''      | ''        | dedicated=gpu:NoSchedule    | ''                     | false | true  | UntoleratedNoScheduleTaint
            untolerated NoExecute evicts                | ''      | ''        | dedicated=gpu:NoExecute     | ''                     | false | false | UntoleratedNoExecuteTaint
            NoExecute wins over NoSchedule              | ''      | ''        | a=1:NoSchedule;b=2:NoExecute | ''                    | false | false | UntoleratedNoExecuteTaint
            PreferNoSchedule is ignored                 | ''      | ''        | dedicated=gpu:PreferNoSchedule | ''                  | true  | true  | ''
            tolerated taint                             | ''      | ''        | dedicated=gpu:NoSchedule    | dedicated=gpu:NoSchedule | true | true | ''
            automatic not-ready toleration              | ''      | ''        | node.kubernetes.io/not-ready:NoExecute | ''          | true  | true  | ''
            automatic unschedulable toleration          | ''      | ''        | node.kubernetes.io/unschedulable:NoSchedule | ''     | true  | true  | ''
            network-unavailable needs hostNetwork       | ''      | ''        | node.kubernetes.io/network-unavailable:NoSchedule | '' | false | true | UntoleratedNoScheduleTaint
            """)
    void decisionFollowsR1_6(
            String description,
            String nodeName,
            String nodeSelector,
            String taints,
            String tolerations,
            boolean shouldRun,
            boolean shouldContinue,
            String reason) {
        Node node = Nodes.node("n1", "zone=a", taints);
        DaemonSet ds = new DaemonSetBuilder()
                .withNewMetadata()
                .withName("ds")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .withNodeName(nodeName.isEmpty() ? null : nodeName)
                .withNodeSelector(Nodes.map(nodeSelector))
                .withTolerations(Nodes.tolerations(tolerations))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        Decision d = NodeShouldRunDaemonPod.evaluate(node, ds);
        assertThat(d.shouldRun()).as("shouldRun").isEqualTo(shouldRun);
        assertThat(d.shouldContinueRunning()).as("shouldContinueRunning").isEqualTo(shouldContinue);
        assertThat(d.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "[{index}] affinity {0} -> {1}")
    @CsvSource(delimiter = '!', textBlock = """
            zone In a                      ! true
            zone In b                      ! false
            F metadata.name In n1          ! true
            """)
    void requiredAffinityIsApplied(String affinity, boolean shouldRun) {
        Node node = Nodes.node("n1", "zone=a", "");
        DaemonSet ds = new DaemonSetBuilder()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .withNewAffinity()
                .withNewNodeAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(NodeSelectorsTest.selector(affinity))
                .endNodeAffinity()
                .endAffinity()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        Decision d = NodeShouldRunDaemonPod.evaluate(node, ds);
        assertThat(d.shouldRun()).isEqualTo(shouldRun);
        assertThat(d.reason()).isEqualTo(shouldRun ? "" : NodeShouldRunDaemonPod.NODE_AFFINITY_MISMATCH);
    }

    @ParameterizedTest(name = "[{index}] hostNetwork pod tolerates network-unavailable")
    @CsvSource({"true"})
    void hostNetworkPodsTolerateNetworkUnavailable(boolean hostNetwork) {
        Node node = Nodes.node("n1", "", "node.kubernetes.io/network-unavailable:NoSchedule");
        DaemonSet ds = new DaemonSetBuilder()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .withHostNetwork(hostNetwork)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        assertThat(NodeShouldRunDaemonPod.evaluate(node, ds).shouldRun()).isTrue();
    }
}

package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** kubectl describe pod, ds and node, each with its Events (kubectl-contract.md §2.10–2.12). */
class KubectlDescribeIT extends KubectlTestBase {
    static final String AGE = "\\d+[smhd]";

    @BeforeAll
    void seed() throws Exception {
        world.namespace("logging");
        ObjectNode node = world.node("n1");
        world.node("n2");
        ObjectNode ds = world.daemonSet("logging", "fluent-bit");
        ObjectNode pod = world.daemonPod(ds, "fluent-bit-aaaaa", "n1");
        world.daemonPod(ds, "fluent-bit-bbbbb", "n2");
        world.markReady("logging", "fluent-bit-aaaaa");
        world.event(pod, "Pod", "v1", "Normal", "Pulled", "Container image already present on machine");
        world.event(ds, "DaemonSet", "apps/v1", "Normal", "SuccessfulCreate", "Created pod: fluent-bit-aaaaa");
        world.event(node, "Node", "v1", "Warning", "NodeNotReady", "Node n1 status is now: NodeNotReady");
    }

    @Test
    void describePodShowsNodeOwnerStatusAndItsEvents() {
        String out = kubectl.ok("describe", "pod", "-n", "logging", "fluent-bit-aaaaa");
        assertThat(out)
                .containsPattern("(?m)^Name: +fluent-bit-aaaaa$")
                .containsPattern("(?m)^Namespace: +logging$")
                .containsPattern("(?m)^Node: +n1/")
                .containsPattern("(?m)^Labels: +app=fluent-bit$")
                .containsPattern("(?m)^Status: +Running$")
                .containsPattern("(?m)^Controlled By: +DaemonSet/fluent-bit$")
                .containsPattern("(?m)^ +Ready +True *$")
                .containsPattern("(?m)^ +Image: +busybox:1.36$")
                .containsPattern("(?m)^ +Normal +Pulled +" + AGE
                        + " +daemonset-controller +Container image already present on machine$");
        assertThat(out).doesNotContain("SuccessfulCreate", "NodeNotReady");
    }

    @Test
    void describeDaemonSetShowsSelectorPodsStatusAndItsEvents() {
        String out = kubectl.ok("describe", "ds", "-n", "logging", "fluent-bit");
        assertThat(out)
                .containsPattern("(?m)^Name: +fluent-bit$")
                .containsPattern("(?m)^Selector: +app=fluent-bit$")
                .containsPattern("(?m)^Node-Selector: +<none>$")
                .containsPattern("(?m)^Desired Number of Nodes Scheduled: 0$")
                .containsPattern("(?m)^Pods Status: +1 Running / 1 Waiting / 0 Succeeded / 0 Failed$")
                .containsPattern("(?m)^ +Normal +SuccessfulCreate +" + AGE
                        + " +daemonset-controller +Created pod: fluent-bit-aaaaa$");
        assertThat(out).doesNotContain("Pulled", "NodeNotReady");
    }

    @Test
    void describeNodeShowsConditionsItsPodsAndItsEvents() {
        String out = kubectl.ok("describe", "node", "n1");
        assertThat(out)
                .containsPattern("(?m)^Name: +n1$")
                .containsPattern("(?m)^ +Ready +True ")
                .containsPattern("(?m)^ +InternalIP: +10.0.0.1$")
                .containsPattern("(?m)^Non-terminated Pods: +\\(1 in total\\)$")
                .containsPattern("(?m)^ +logging +fluent-bit-aaaaa +0 \\(0%\\) ")
                .containsPattern("(?m)^ +Warning +NodeNotReady +" + AGE
                        + " +daemonset-controller +Node n1 status is now: NodeNotReady$");
        assertThat(out).doesNotContain("fluent-bit-bbbbb", "Pulled");
    }

    @Test
    void describeOfAnObjectWithoutEventsSaysNone() {
        String out = kubectl.ok("describe", "node", "n2");
        assertThat(out).containsPattern("(?m)^Events: +<none>$");
    }
}

package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.Kubectl;
import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** kubectl describe pod, ds and node, each with its Events (kubectl-contract.md §2.10–2.12). */
class KubectlDescribeTest {
    static final String AGE = "\\d+[smhd]";
    static TestServer server;
    static Kubectl kubectl;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        server = TestServer.memory();
        kubectl = new Kubectl(server.url(), dir);
        World w = new World(new RawApi(server.url()));
        w.namespace("logging");
        ObjectNode node = w.node("n1");
        w.node("n2");
        ObjectNode ds = w.daemonSet("logging", "fluent-bit");
        ObjectNode pod = w.daemonPod(ds, "fluent-bit-aaaaa", "n1");
        w.daemonPod(ds, "fluent-bit-bbbbb", "n2");
        w.markReady("logging", "fluent-bit-aaaaa");
        w.event(pod, "Pod", "v1", "Normal", "Pulled", "Container image already present on machine");
        w.event(ds, "DaemonSet", "apps/v1", "Normal", "SuccessfulCreate", "Created pod: fluent-bit-aaaaa");
        w.event(node, "Node", "v1", "Warning", "NodeNotReady", "Node n1 status is now: NodeNotReady");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void describePodShowsNodeOwnerStatusAndItsEvents() {
        String out = kubectl.run("describe", "pod", "-n", "logging", "fluent-bit-aaaaa").assertOk().out();
        assertThat(out).containsPattern("(?m)^Name: +fluent-bit-aaaaa$")
                .containsPattern("(?m)^Namespace: +logging$")
                .containsPattern("(?m)^Node: +n1/")
                .containsPattern("(?m)^Labels: +app=fluent-bit$")
                .containsPattern("(?m)^Status: +Running$")
                .containsPattern("(?m)^Controlled By: +DaemonSet/fluent-bit$")
                .containsPattern("(?m)^ +Ready +True *$")
                .containsPattern("(?m)^ +Image: +busybox:1.36$")
                .containsPattern("(?m)^ +Normal +Pulled +" + AGE + " +daemonset-controller +Container image already present on machine$");
        assertThat(out).doesNotContain("SuccessfulCreate", "NodeNotReady");
    }

    @Test
    void describeDaemonSetShowsSelectorPodsStatusAndItsEvents() {
        String out = kubectl.run("describe", "ds", "-n", "logging", "fluent-bit").assertOk().out();
        assertThat(out).containsPattern("(?m)^Name: +fluent-bit$")
                .containsPattern("(?m)^Selector: +app=fluent-bit$")
                .containsPattern("(?m)^Node-Selector: +<none>$")
                .containsPattern("(?m)^Desired Number of Nodes Scheduled: 0$")
                .containsPattern("(?m)^Pods Status: +1 Running / 1 Waiting / 0 Succeeded / 0 Failed$")
                .containsPattern("(?m)^ +Normal +SuccessfulCreate +" + AGE + " +daemonset-controller +Created pod: fluent-bit-aaaaa$");
        assertThat(out).doesNotContain("Pulled", "NodeNotReady");
    }

    @Test
    void describeNodeShowsConditionsItsPodsAndItsEvents() {
        String out = kubectl.run("describe", "node", "n1").assertOk().out();
        assertThat(out).containsPattern("(?m)^Name: +n1$")
                .containsPattern("(?m)^ +Ready +True ")
                .containsPattern("(?m)^ +InternalIP: +10.0.0.1$")
                .containsPattern("(?m)^Non-terminated Pods: +\\(1 in total\\)$")
                .containsPattern("(?m)^ +logging +fluent-bit-aaaaa +0 \\(0%\\) ")
                .containsPattern("(?m)^ +Warning +NodeNotReady +" + AGE + " +daemonset-controller +Node n1 status is now: NodeNotReady$");
        assertThat(out).doesNotContain("fluent-bit-bbbbb", "Pulled");
    }

    @Test
    void describeOfAnObjectWithoutEventsSaysNone() {
        String out = kubectl.run("describe", "node", "n2").assertOk().out();
        assertThat(out).containsPattern("(?m)^Events: +<none>$");
    }
}

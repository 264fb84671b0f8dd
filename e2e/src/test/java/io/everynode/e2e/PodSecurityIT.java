package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pod Security on {@code up}'s simulated nodes, through the real kubectl: pods the DaemonSet
 * controller creates are checked like any pod, so a log shipper with a hostPath volume is warned
 * about in a baseline namespace and its pods are refused there (FailedCreate events with
 * upstream's message), while the same DaemonSet runs on every node of a namespace left at the
 * default, privileged.
 */
class PodSecurityIT {
    static GuideCluster cluster;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        cluster = GuideCluster.up(2, dir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static String shipper(String namespace) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: shipper, namespace: %s}
                spec:
                  selector: {matchLabels: {app: shipper}}
                  template:
                    metadata: {labels: {app: shipper}}
                    spec:
                      containers:
                      - name: shipper
                        image: %s
                        volumeMounts: [{name: varlog, mountPath: /var/log}]
                      volumes: [{name: varlog, hostPath: {path: /var/log}}]
                """.formatted(namespace, Manifests.AGENT_IMAGE);
    }

    @Test
    void aDaemonSetInABaselineNamespaceIsWarnedAboutAndItsPodsAreRefusedWithFailedCreateEvents() {
        cluster.namespace("locked");
        cluster.kubectl("label", "namespace", "locked", "pod-security.kubernetes.io/enforce=baseline");

        Kubectl.Result created = cluster.kubectl.runWithInput(shipper("locked"), "apply", "-f", "-");

        assertThat(created.assertOk().out()).isEqualTo("daemonset.apps/shipper created\n");
        assertThat(created.err())
                .isEqualTo("Warning: would violate PodSecurity \"baseline:latest\": hostPath volumes (volume"
                        + " \"varlog\")\n");
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(cluster.kubectl(
                                "get",
                                "events",
                                "-n",
                                "locked",
                                "-o",
                                "jsonpath={range .items[*]}{.reason} {.involvedObject.name}: {.message}{\"\\n\"}{end}"))
                        .containsPattern("FailedCreate shipper: Error creating: pods \"shipper-[a-z0-9]{5}\" is"
                                + " forbidden: violates PodSecurity \"baseline:latest\": hostPath volumes \\(volume"
                                + " \"varlog\"\\)"));
        assertThat(cluster.kubectl("get", "pods", "-n", "locked", "-o", "name")).isEmpty();
    }

    @Test
    void theSameDaemonSetRunsOnEveryNodeOfANamespaceAtTheDefaultLevel() {
        cluster.namespace("open");

        Kubectl.Result created = cluster.kubectl.runWithInput(shipper("open"), "apply", "-f", "-");

        assertThat(created.assertOk().err()).isEmpty();
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(cluster.podsByNode("open", "shipper"))
                        .containsOnlyKeys(cluster.nodeNames())
                        .allSatisfy((node, pods) -> assertThat(pods).hasSize(1)));
    }
}

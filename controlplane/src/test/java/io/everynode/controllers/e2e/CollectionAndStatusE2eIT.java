package io.everynode.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSetConditionBuilder;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Upstream conformance "should list and delete a collection of DaemonSets" and "should verify
 * changes to a daemon set status" (R3.5: clients' conditions round-trip and the controller's
 * own status writes keep them).
 */
class CollectionAndStatusE2eIT extends E2eTestBase {
    @BeforeEach
    void nodes() {
        cluster.addNode("node-1");
    }

    @Test
    void daemonSetsListedByLabelAreDeletedTogetherByKubectlDeleteWithASelector() throws Exception {
        kubectl.apply(Manifest.daemonSet("daemon-set-a").yaml());
        kubectl.apply(Manifest.daemonSet("daemon-set-b").yaml());
        kubectl.ok("label", "ds", "daemon-set-a", "daemonset-static=true");
        kubectl.ok("label", "ds", "daemon-set-b", "daemonset-static=true");
        kubectl.apply(Manifest.daemonSet("bystander").yaml());
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.counts("daemon-set-a").available() == 1
                    && cluster.counts("daemon-set-b").available() == 1;
        });

        String listed = kubectl.ok("get", "ds", "-l", "daemonset-static=true", "-o", "name");
        assertThat(listed.lines().toList())
                .containsExactly("daemonset.apps/daemon-set-a", "daemonset.apps/daemon-set-b");

        String deleted = kubectl.ok("delete", "ds", "-l", "daemonset-static=true");
        assertThat(deleted.lines().toList())
                .containsExactly(
                        "daemonset.apps \"daemon-set-a\" deleted from default namespace",
                        "daemonset.apps \"daemon-set-b\" deleted from default namespace");

        Kubectl.Result after =
                kubectl.run("get", "ds", "-l", "daemonset-static=true").assertOk();
        assertThat(after.out()).isEmpty();
        assertThat(after.err()).isEqualTo("No resources found in default namespace.\n");
        assertThat(kubectl.ok("get", "ds", "-o", "name")).isEqualTo("daemonset.apps/bystander\n");
        // R6.8: background cascade; the dependents go with their owners, the bystander's pod stays.
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.pods().stream()
                            .allMatch(p -> p.getMetadata().getName().startsWith("bystander-"))
                    && cluster.pods().size() == 1;
        });
    }

    @Test
    void conditionsWrittenThroughTheStatusSubresourceSurviveTheControllersStatusWrites() throws Exception {
        kubectl.apply(Manifest.daemonSet("daemon-set").yaml());
        awaitAvailable("daemon-set", 1);

        // Update: the whole status with one condition, as upstream's UpdateStatus step does.
        DaemonSet current = cluster.daemonSet("daemon-set");
        DaemonSetCondition updated = new DaemonSetConditionBuilder()
                .withType("StatusUpdate")
                .withStatus("True")
                .withReason("E2E")
                .withMessage("Set from e2e test")
                .withLastTransitionTime(Instant.now().toString())
                .build();
        cluster.client.updateStatus(new DaemonSetBuilder(current)
                .editStatus()
                .addToConditions(updated)
                .endStatus()
                .build());

        // Patch: a second condition through kubectl.
        kubectl.ok(
                "patch",
                "ds",
                "daemon-set",
                "--subresource=status",
                "--type=merge",
                "-p",
                "{\"status\":{\"conditions\":[{\"type\":\"StatusUpdate\",\"status\":\"True\",\"reason\":\"E2E\",\"message\":\"Set from e2e test\"},"
                        + "{\"type\":\"StatusPatched\",\"status\":\"True\"}]}}");
        assertThat(kubectl.ok("get", "ds", "daemon-set", "-o", "jsonpath={.status.conditions[*].type}"))
                .isEqualTo("StatusUpdate StatusPatched");

        // A second node makes the controller rewrite the counters.
        cluster.addNode("node-2");
        awaitAvailable("daemon-set", 2);

        assertThat(cluster.daemonSet("daemon-set").getStatus().getConditions())
                .extracting(DaemonSetCondition::getType, DaemonSetCondition::getStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("StatusUpdate", "True"),
                        org.assertj.core.groups.Tuple.tuple("StatusPatched", "True"));
        assertThat(kubectl.ok("get", "ds", "daemon-set", "-o", "yaml"))
                .contains("message: Set from e2e test", "type: StatusPatched", "desiredNumberScheduled: 2");
    }
}

package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.PatchType;
import io.everynode.controllers.testing.InProcessCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler, run by the manager against a real API server (R8). */
class SchedulingThroughTheApiIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster(ControllerManagerConfig.defaults().withControllers(ControllerManager.SCHEDULER));
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void aPendingPodIsBoundToTheNodeWithRoomAndTheScheduledEventIsRecorded() {
        cluster.addNode("small", "4", "1Gi");
        cluster.addNode("big", "4", "8Gi");

        cluster.client.create(InProcessCluster.pod("web", "100m", "2Gi").build());

        await().atMost(WAIT).until(() -> "big".equals(cluster.nodeNameOf("web")));
        await().atMost(WAIT).until(() -> !cluster.events("web", "Scheduled").isEmpty());
        Event scheduled = cluster.events("web", "Scheduled").get(0);
        assertThat(scheduled.getType()).isEqualTo("Normal");
        assertThat(scheduled.getMessage()).isEqualTo("Successfully assigned default/web to big");
        assertThat(scheduled.getSource().getComponent()).isEqualTo("default-scheduler");
    }

    @Test
    void aPodThatFitsNowhereIsUnschedulableNamingTheTaintAndTheShortResourceThenBindsOnceTheTaintIsRemoved() {
        cluster.addNode(tainted(node("infra"), "dedicated", "infra"), "4", "8Gi");
        cluster.addNode("small", "4", "1Gi");

        cluster.client.create(InProcessCluster.pod("web", "100m", "2Gi").build());

        // The scheduler may first try while its cache holds one node; wait for the attempt that saw both.
        String expected =
                "0/2 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {dedicated: infra}.";
        await().atMost(WAIT)
                .until(() -> cluster.events("web", "FailedScheduling").stream()
                        .anyMatch(e -> e.getMessage().startsWith(expected)));
        Event failed = cluster.events("web", "FailedScheduling").stream()
                .filter(e -> e.getMessage().startsWith(expected))
                .findFirst()
                .orElseThrow();
        assertThat(failed.getType()).isEqualTo("Warning");
        assertThat(failed.getSource().getComponent()).isEqualTo("default-scheduler");
        await().atMost(WAIT)
                .until(() -> scheduledCondition("web")
                        .map(c -> c.getMessage().startsWith(expected))
                        .orElse(false));
        PodCondition condition = scheduledCondition("web").get();
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("Unschedulable");
        assertThat(condition.getMessage()).isEqualTo(failed.getMessage());
        assertThat(cluster.nodeNameOf("web")).isNull();

        cluster.client.patch(Node.class, null, "infra", PatchType.MERGE, "{\"spec\":{\"taints\":null}}");

        await().atMost(WAIT).until(() -> "infra".equals(cluster.nodeNameOf("web")));
    }

    @Test
    void anUnschedulablePodBindsOnceANodeWithRoomIsAdded() {
        cluster.addNode("small", "4", "1Gi");
        cluster.client.create(InProcessCluster.pod("web", "100m", "2Gi").build());
        await().atMost(WAIT)
                .until(() -> !cluster.events("web", "FailedScheduling").isEmpty());

        cluster.addNode("big", "4", "8Gi");

        await().atMost(WAIT).until(() -> "big".equals(cluster.nodeNameOf("web")));
    }

    @Test
    void aHighPriorityPodPinnedToAFullNodePreemptsALowerPriorityPodThere() {
        cluster.addPriorityClass("low", 100);
        cluster.addPriorityClass("high", 1000);
        cluster.addNode("full", "1", "8Gi");
        cluster.addNode("roomy", "4", "8Gi");
        cluster.client.create(pinned(InProcessCluster.pod("victim", "800m", null), "full")
                .editSpec()
                .withPriorityClassName("low")
                .endSpec()
                .build());
        await().atMost(WAIT).until(() -> "full".equals(cluster.nodeNameOf("victim")));

        cluster.client.create(pinned(InProcessCluster.pod("vip", "500m", null), "full")
                .editSpec()
                .withPriorityClassName("high")
                .endSpec()
                .build());

        await().atMost(WAIT)
                .until(() -> cluster.pod("victim")
                        .map(p -> p.getMetadata().getDeletionTimestamp() != null)
                        .orElse(true));
        await().atMost(WAIT).until(() -> condition("victim", "DisruptionTarget").isPresent());
        PodCondition disruption = condition("victim", "DisruptionTarget").get();
        assertThat(disruption.getStatus()).isEqualTo("True");
        assertThat(disruption.getReason()).isEqualTo("PreemptionByScheduler");
        await().atMost(WAIT)
                .until(() -> "full".equals(cluster.pod("vip").get().getStatus().getNominatedNodeName()));
        await().atMost(WAIT).until(() -> !cluster.events("victim", "Preempted").isEmpty());
        assertThat(cluster.nodeNameOf("vip")).isNull();

        // No kubelet here: finish the victim's graceful deletion as one would.
        cluster.client.delete(
                Pod.class,
                "default",
                "victim",
                new io.fabric8.kubernetes.api.model.DeleteOptionsBuilder()
                        .withGracePeriodSeconds(0L)
                        .build());

        await().atMost(WAIT).until(() -> "full".equals(cluster.nodeNameOf("vip")));
    }

    private Optional<PodCondition> scheduledCondition(String pod) {
        return condition(pod, "PodScheduled");
    }

    private Optional<PodCondition> condition(String pod, String type) {
        return cluster.pod(pod).map(Pod::getStatus).map(s -> s.getConditions()).orElse(List.of()).stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst();
    }

    private static Node node(String name) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build();
    }

    private static Node tainted(Node node, String key, String value) {
        return new NodeBuilder(node)
                .editSpec()
                .addNewTaint()
                .withKey(key)
                .withValue(value)
                .withEffect("NoSchedule")
                .endTaint()
                .endSpec()
                .build();
    }

    /** The DaemonSet controller's way to pin a pod: required affinity on metadata.name. */
    private static io.fabric8.kubernetes.api.model.PodBuilder pinned(
            io.fabric8.kubernetes.api.model.PodBuilder pod, String node) {
        return pod.editSpec()
                .withNewAffinity()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addToNodeSelectorTerms(new NodeSelectorTermBuilder()
                        .addToMatchFields(new NodeSelectorRequirementBuilder()
                                .withKey("metadata.name")
                                .withOperator("In")
                                .withValues(node)
                                .build())
                        .build())
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .endAffinity()
                .endSpec();
    }
}

package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.PatchType;
import io.everynode.controllers.podgc.PodGcConfig;
import io.everynode.controllers.testing.InProcessCluster;
import io.everynode.controllers.testing.Kubelet;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DaemonSet controller with the scheduler and pod GC, run by the manager against a real API
 * server; the test plays the kubelet by marking pods Running and Ready through pods/status.
 */
class DaemonSetThroughTheApiIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NS = "logging";

    private InProcessCluster cluster;
    private Kubelet kubelet;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster(ControllerManagerConfig.defaults()
                .withControllers(ControllerManager.DAEMONSET, ControllerManager.SCHEDULER, ControllerManager.POD_GC)
                .withPodGc(new PodGcConfig(12500, Duration.ofSeconds(1), Duration.ofMillis(500))));
        cluster.client.create(new NamespaceBuilder()
                .withNewMetadata()
                .withName(NS)
                .endMetadata()
                .build());
        kubelet = new Kubelet(cluster.client, NS);
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void everyNodeGetsOneDaemonPodANewNodeGetsOneAndARemovedNodeLosesIt() {
        cluster.addNode("n1", "4", "8Gi");
        cluster.addNode("n2", "4", "8Gi");
        cluster.client.create(fluentBit(null));

        await().atMost(WAIT).until(() -> boundNodes().equals(Set.of("n1", "n2")));
        cluster.addNode("n3", "4", "8Gi");
        await().atMost(WAIT).until(() -> boundNodes().equals(Set.of("n1", "n2", "n3")));
        assertThat(daemonPods()).hasSize(3);

        cluster.client.delete(Node.class, null, "n2");
        await().atMost(WAIT).until(() -> boundNodes().equals(Set.of("n1", "n3")));
        await().atMost(WAIT).until(() -> status().getDesiredNumberScheduled() == 2);
    }

    @Test
    void statusCountsReadyPodsAndTheRevisionIsRecorded() {
        cluster.addNode("n1", "4", "8Gi");
        cluster.addNode("n2", "4", "8Gi");
        cluster.client.create(fluentBit(null));
        await().atMost(WAIT).until(() -> boundNodes().size() == 2);

        kubelet.step();

        await().atMost(WAIT).until(() -> status().getNumberReady() == 2 && status().getNumberAvailable() == 2);
        var s = status();
        assertThat(s.getDesiredNumberScheduled()).isEqualTo(2);
        assertThat(s.getCurrentNumberScheduled()).isEqualTo(2);
        assertThat(s.getUpdatedNumberScheduled()).isEqualTo(2);
        assertThat(s.getObservedGeneration()).isEqualTo(1L);
        List<ControllerRevision> revisions =
                cluster.client.list(ControllerRevision.class, NS).items();
        assertThat(revisions).hasSize(1);
        assertThat(revisions.get(0).getRevision()).isEqualTo(1L);
        assertThat(daemonPods())
                .allSatisfy(p -> assertThat(p.getMetadata().getLabels())
                        .containsEntry(
                                "controller-revision-hash",
                                revisions.get(0).getMetadata().getLabels().get("controller-revision-hash")));
    }

    @Test
    void aNodeSelectorSkipsUnlabelledNodesAndFollowsLabelsAsTheyChange() {
        cluster.addNode("worker", "4", "8Gi");
        cluster.addNode("control", "4", "8Gi");
        cluster.label("worker", "node-role", "worker");
        cluster.client.create(fluentBit(Map.of("node-role", "worker")));

        await().atMost(WAIT).until(() -> boundNodes().equals(Set.of("worker")));
        cluster.label("control", "node-role", "worker");
        await().atMost(WAIT).until(() -> boundNodes().equals(Set.of("worker", "control")));
    }

    @Test
    void aTemplateChangeRollsEveryPodToTheNewRevisionOneNodeAtATime() {
        cluster.addNode("n1", "4", "8Gi");
        cluster.addNode("n2", "4", "8Gi");
        cluster.client.create(fluentBit(null));
        await().atMost(WAIT).until(() -> boundNodes().size() == 2);
        kubelet.step();
        await().atMost(WAIT).until(() -> status().getNumberAvailable() == 2);

        cluster.client.patch(
                DaemonSet.class,
                NS,
                "fluent-bit",
                PatchType.STRATEGIC,
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"fluent-bit\",\"image\":\"fluent/fluent-bit:3.2\"}]}}}}");

        // Play the kubelet: finish deleting terminating pods, mark new pods ready, until all are new.
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            var s = status();
            return s.getObservedGeneration() == 2
                    && s.getUpdatedNumberScheduled() == 2
                    && s.getNumberAvailable() == 2
                    && daemonPods().stream()
                            .allMatch(p -> p.getSpec()
                                    .getContainers()
                                    .get(0)
                                    .getImage()
                                    .equals("fluent/fluent-bit:3.2"));
        });
        assertThat(cluster.client.list(ControllerRevision.class, NS).items())
                .extracting(ControllerRevision::getRevision)
                .containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void manyCreatesAreRecordedAsNineEventsAndOneCombinedEventWhoseCountsAddUpToEveryPod() {
        for (int i = 1; i <= 25; i++) cluster.addNode("n" + i, "4", "8Gi");
        cluster.client.create(fluentBit(null));
        await().atMost(WAIT).until(() -> daemonPods().size() == 25);

        await().atMost(WAIT)
                .until(() ->
                        successfulCreates().stream().mapToInt(Event::getCount).sum() == 25);
        List<Event> events = successfulCreates();
        assertThat(events)
                .filteredOn(e -> e.getMessage().startsWith("Created pod: fluent-bit-"))
                .hasSize(9)
                .allMatch(e -> e.getCount() == 1);
        assertThat(events)
                .filteredOn(e -> e.getMessage().startsWith("(combined from similar events): Created pod: fluent-bit-"))
                .singleElement()
                .satisfies(e -> assertThat(e.getCount()).isEqualTo(16));
    }

    private List<Event> successfulCreates() {
        return cluster.client.list(Event.class, NS).items().stream()
                .filter(e -> "SuccessfulCreate".equals(e.getReason())
                        && "fluent-bit".equals(e.getInvolvedObject().getName()))
                .toList();
    }

    private DaemonSet fluentBit(Map<String, String> nodeSelector) {
        DaemonSetBuilder b = new DaemonSetBuilder()
                .withNewMetadata()
                .withName("fluent-bit")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "fluent-bit")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "fluent-bit")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("fluent-bit")
                .withImage("fluent/fluent-bit:3.1")
                .withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("50m"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec();
        if (nodeSelector != null)
            b.editSpec()
                    .editTemplate()
                    .editSpec()
                    .withNodeSelector(nodeSelector)
                    .endSpec()
                    .endTemplate()
                    .endSpec();
        return b.build();
    }

    private List<Pod> daemonPods() {
        return cluster.client.list(Pod.class, NS).items();
    }

    private Set<String> boundNodes() {
        return daemonPods().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(p -> p.getSpec().getNodeName())
                .filter(n -> n != null)
                .collect(Collectors.toSet());
    }

    private io.fabric8.kubernetes.api.model.apps.DaemonSetStatus status() {
        return cluster.client.get(DaemonSet.class, NS, "fluent-bit").getStatus();
    }
}

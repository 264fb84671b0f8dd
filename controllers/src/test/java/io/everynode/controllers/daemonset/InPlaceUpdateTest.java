package io.everynode.controllers.daemonset;

import static io.everynode.controllers.daemonset.Fixtures.daemonSet;
import static io.everynode.controllers.daemonset.Fixtures.nodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.LifecycleHooks;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** E6.1–E6.4 on the controller: InPlaceIfPossible, its readiness gate, and the lifecycle hooks. */
class InPlaceUpdateTest extends Harness {

    private void start(int nodeCount, Map<String, String> annotations) {
        DaemonSet ds = daemonSet("ds");
        ds.getMetadata().getAnnotations().put(AdvancedRollout.ROLLING_UPDATE_TYPE, "InPlaceIfPossible");
        ds.getMetadata().getAnnotations().putAll(annotations);
        ds.getSpec().getTemplate().getMetadata().getLabels().put("hold", "yes");
        cluster.add(nodes(nodeCount)).add(ds);
        sync();
        running();
        sync(); // the gate's condition: True on every new pod
    }

    /** What the agent would report: every pod Ready, each container running the image in its spec. */
    private void running() {
        for (String name : new ArrayList<>(cluster.pods.keySet())) {
            Pod p = FakeCluster.copy(cluster.pods.get(name), Pod.class);
            List<PodCondition> kept = p.getStatus().getConditions() == null
                    ? new ArrayList<>()
                    : new ArrayList<>(p.getStatus().getConditions().stream()
                            .filter(c -> !"Ready".equals(c.getType()))
                            .toList());
            PodCondition ready = new PodCondition();
            ready.setType("Ready");
            ready.setStatus(GateRefresh.condition(p, PodChanges.IN_PLACE_READY)
                    .map(c -> c.getStatus())
                    .orElse("True"));
            ready.setLastTransitionTime(clock.instant().toString());
            kept.add(ready);
            p.getStatus().setPhase("Running");
            p.getStatus().setConditions(kept);
            List<ContainerStatus> statuses = new ArrayList<>();
            for (var c : p.getSpec().getContainers()) {
                ContainerStatus cs = new ContainerStatus();
                cs.setName(c.getName());
                cs.setImage(c.getImage());
                cs.setImageID("sha256:" + c.getImage());
                cs.setState(new ContainerStateBuilder()
                        .withNewRunning()
                        .withStartedAt(clock.instant().toString())
                        .endRunning()
                        .build());
                statuses.add(cs);
            }
            p.getStatus().setContainerStatuses(statuses);
            p.getMetadata().setResourceVersion(p.getMetadata().getResourceVersion() + "x");
            cluster.pods.put(name, p);
        }
    }

    private String gate(Pod p) {
        return GateRefresh.condition(p, PodChanges.IN_PLACE_READY)
                .map(c -> c.getStatus())
                .orElse(null);
    }

    /** A change beyond images: the pod is recreated, not updated in place (E6.1). */
    private void changeEnv() {
        cluster.editTemplate(
                "ds",
                d -> d.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .setEnv(List.of(new EnvVar("LEVEL", "debug", null))));
    }

    private void changeImage(String image) {
        cluster.editTemplate(
                "ds",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
    }

    @Test
    void podsCreatedUnderInPlaceIfPossibleCarryTheGateAndItsConditionTurnsTrue() {
        start(2, Map.of());
        assertThat(cluster.pods.values()).allSatisfy(p -> {
            assertThat(p.getSpec().getReadinessGates()).containsExactly(new PodReadinessGate("InPlaceUpdateReady"));
            assertThat(gate(p)).isEqualTo("True");
        });
    }

    @Test
    void anImageChangeUpdatesPodsInPlaceWithinMaxUnavailable() {
        start(3, Map.of());
        List<String> names = List.copyOf(cluster.pods.keySet());
        changeImage("agent:2");
        String hash = currentHash();
        sync();
        assertThat(cluster.deleted).isEmpty();
        assertThat(cluster.created).isEmpty();
        assertThat(cluster.podUpdates).hasSize(1);
        Pod updated = cluster.pods.get(cluster.podUpdates.get(0).getMetadata().getName());
        assertThat(updated.getSpec().getContainers().get(0).getImage()).isEqualTo("agent:2");
        assertThat(PodFacts.label(updated, PodFacts.HASH_LABEL)).isEqualTo(hash);
        assertThat(gate(updated)).isEqualTo("False");
        assertThat(updated.getMetadata().getAnnotations()).containsKey(PodChanges.IN_PLACE_STATE);
        assertThat(cluster.events).extracting(FakeCluster.Event::reason).contains(InPlaceWriter.UPDATED_REASON);

        sync(); // the updating pod holds the whole budget
        assertThat(cluster.podUpdates).hasSize(1);

        int rounds = 0;
        while (cluster.pods.values().stream().anyMatch(p -> !hash.equals(PodFacts.label(p, PodFacts.HASH_LABEL)))
                || cluster.pods.values().stream().anyMatch(p -> !"True".equals(gate(p)))) {
            running();
            sync();
            long updating = cluster.pods.values().stream()
                    .filter(PodFacts::inPlaceUpdating)
                    .count();
            assertThat(updating).isLessThanOrEqualTo(1);
            assertThat(++rounds).isLessThan(20);
        }
        assertThat(cluster.pods.keySet()).containsExactlyInAnyOrderElementsOf(names);
        assertThat(cluster.podUpdates).hasSize(3);
        assertThat(cluster.deleted).isEmpty();
    }

    @Test
    void aChangeBeyondImagesRecreatesThePod() {
        start(2, Map.of());
        changeEnv();
        sync();
        assertThat(cluster.podUpdates).isEmpty();
        assertThat(cluster.deleted).hasSize(1);
    }

    @Test
    void withMaxSurgeTheRolloutRecreatesEvenForAnImage() {
        DaemonSet ds = daemonSet("ds");
        ds.getMetadata().getAnnotations().put(AdvancedRollout.ROLLING_UPDATE_TYPE, "InPlaceIfPossible");
        ds.getSpec()
                .setUpdateStrategy(Fixtures.rollingUpdate(
                        new io.fabric8.kubernetes.api.model.IntOrString(0),
                        new io.fabric8.kubernetes.api.model.IntOrString(1)));
        cluster.add(nodes(2)).add(ds);
        sync();
        running();
        sync();
        changeImage("agent:2");
        sync();
        assertThat(cluster.podUpdates).isEmpty();
        assertThat(cluster.created).hasSize(1);
    }

    @Test
    void aPreDeleteHookLabelHoldsTheDeletionUntilItIsRemoved() {
        start(1, Map.of(AdvancedRollout.LIFECYCLE, "{\"preDelete\":{\"labelsHandler\":{\"hold\":\"yes\"}}}"));
        String name = cluster.pods.keySet().iterator().next();
        changeEnv();
        sync();
        assertThat(cluster.deleted).isEmpty();
        assertThat(LifecycleHooks.state(cluster.pods.get(name))).isEqualTo(LifecycleHooks.PREPARING_DELETE);
        sync();
        assertThat(cluster.deleted).isEmpty();

        Pod released = FakeCluster.copy(cluster.pods.get(name), Pod.class);
        Map<String, String> labels = new LinkedHashMap<>(released.getMetadata().getLabels());
        labels.remove("hold");
        released.getMetadata().setLabels(labels);
        cluster.pods.put(name, released);
        sync();
        assertThat(cluster.deleted).containsExactly(name);
    }

    @Test
    void aPodItsPreDeleteHookHoldsKeepsItsSlotOfMaxUnavailableSoNoOtherOldPodGoes() {
        start(3, Map.of(AdvancedRollout.LIFECYCLE, "{\"preDelete\":{\"labelsHandler\":{\"hold\":\"yes\"}}}"));
        changeEnv();
        sync();
        sync();
        sync();

        assertThat(cluster.deleted).isEmpty();
        assertThat(cluster.pods.values().stream()
                        .filter(p -> LifecycleHooks.PREPARING_DELETE.equals(LifecycleHooks.state(p))))
                .as("maxUnavailable 1: one pod chosen, held by its hook, and no other")
                .hasSize(1);
    }

    @Test
    void anInPlaceUpdateHookHoldsTheUpdateInPreparingUpdateThenMarksUpdatedAndNormal() {
        start(1, Map.of(AdvancedRollout.LIFECYCLE, "{\"inPlaceUpdate\":{\"labelsHandler\":{\"hold\":\"yes\"}}}"));
        String name = cluster.pods.keySet().iterator().next();
        changeImage("agent:2");
        sync();
        assertThat(cluster.podUpdates).isEmpty();
        assertThat(LifecycleHooks.state(cluster.pods.get(name))).isEqualTo(LifecycleHooks.PREPARING_UPDATE);

        Pod released = FakeCluster.copy(cluster.pods.get(name), Pod.class);
        Map<String, String> labels = new LinkedHashMap<>(released.getMetadata().getLabels());
        labels.remove("hold");
        released.getMetadata().setLabels(labels);
        cluster.pods.put(name, released);
        sync();
        assertThat(cluster.podUpdates).hasSize(1);
        Pod updated = cluster.pods.get(name);
        assertThat(LifecycleHooks.state(updated)).isEqualTo(LifecycleHooks.UPDATED);
        assertThat(updated.getMetadata().getLabels()).containsEntry("hold", "yes"); // held again for the next one

        running();
        sync();
        assertThat(gate(cluster.pods.get(name))).isEqualTo("True");
        assertThat(LifecycleHooks.state(cluster.pods.get(name))).isEqualTo(LifecycleHooks.NORMAL);
        assertThat(Optional.ofNullable(cluster.pods.get(name))).isPresent();
    }

    @Test
    void markPodNotReadyGatesThePodsAndTurnsTheirConditionFalseWhileAHookHoldsThem() {
        start(
                1,
                Map.of(
                        AdvancedRollout.LIFECYCLE,
                        "{\"preDelete\":{\"labelsHandler\":{\"hold\":\"yes\"},\"markPodNotReady\":true}}"));
        String name = cluster.pods.keySet().iterator().next();
        Pod pod = cluster.pods.get(name);
        assertThat(pod.getSpec().getReadinessGates()).contains(new PodReadinessGate(LifecycleHooks.POD_READY_GATE));
        assertThat(GateRefresh.condition(pod, LifecycleHooks.POD_READY_GATE)
                        .orElseThrow()
                        .getStatus())
                .isEqualTo("True");

        changeEnv();
        sync();
        Pod held = cluster.pods.get(name);
        assertThat(LifecycleHooks.state(held)).isEqualTo(LifecycleHooks.PREPARING_DELETE);
        assertThat(GateRefresh.condition(held, LifecycleHooks.POD_READY_GATE)
                        .orElseThrow()
                        .getStatus())
                .isEqualTo("False");
        assertThat(cluster.deleted).isEmpty();
    }
}

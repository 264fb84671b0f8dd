package io.everynode.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builders for node lifecycle tests. */
final class Nodes {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private Nodes() {}

    static NodeCondition condition(String type, String status, Instant heartbeat) {
        return new NodeConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason("Kubelet")
                .withLastHeartbeatTime(heartbeat.toString())
                .withLastTransitionTime(T0.toString())
                .build();
    }

    /** A node created at T0 that reported healthy conditions at {@code heartbeat}. */
    static Node healthy(String name, Instant heartbeat) {
        return withConditions(name, heartbeat, "True", "False");
    }

    static Node withConditions(String name, Instant heartbeat, String ready, String pressure) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withCreationTimestamp(T0.toString())
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .withNewStatus()
                .withConditions(
                        condition("Ready", ready, heartbeat),
                        condition("MemoryPressure", pressure, heartbeat),
                        condition("DiskPressure", "False", heartbeat),
                        condition("PIDPressure", "False", heartbeat))
                .endStatus()
                .build();
    }

    static Node fresh(String name) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withCreationTimestamp(T0.toString())
                .endMetadata()
                .build();
    }

    static Node withTaints(Node node, Taint... taints) {
        List<Taint> all = new ArrayList<>(
                node.getSpec() == null || node.getSpec().getTaints() == null
                        ? List.of()
                        : node.getSpec().getTaints());
        all.addAll(List.of(taints));
        return new NodeBuilder(node).editOrNewSpec().withTaints(all).endSpec().build();
    }

    static Taint taint(String key, String effect, Instant added) {
        return new TaintBuilder()
                .withKey(key)
                .withEffect(effect)
                .withTimeAdded(added == null ? null : added.toString())
                .build();
    }

    static Pod pod(String name, String node) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .endSpec()
                .build();
    }

    static Pod tolerating(Pod pod, String key, String effect, Long seconds) {
        return new PodBuilder(pod)
                .editSpec()
                .addToTolerations(new TolerationBuilder()
                        .withKey(key)
                        .withOperator("Exists")
                        .withEffect(effect)
                        .withTolerationSeconds(seconds)
                        .build())
                .endSpec()
                .build();
    }

    static List<String> taintKeys(Node node) {
        if (node.getSpec() == null || node.getSpec().getTaints() == null) {
            return List.of();
        }
        return node.getSpec().getTaints().stream()
                .map(t -> t.getKey() + ":" + t.getEffect())
                .toList();
    }
}

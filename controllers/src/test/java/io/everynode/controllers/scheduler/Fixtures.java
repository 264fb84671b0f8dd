package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Small builders for nodes and pods in scheduler tests. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private Fixtures() {}

    static Node node(String name, String cpu, String memory, int pods) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewStatus()
                .withAllocatable(Map.of(
                        "cpu",
                        new Quantity(cpu),
                        "memory",
                        new Quantity(memory),
                        "pods",
                        new Quantity(String.valueOf(pods))))
                .endStatus()
                .build();
    }

    static Node node(String name) {
        return node(name, "4", "8Gi", 110);
    }

    static Node labelled(Node node, String key, String value) {
        return new NodeBuilder(node)
                .editMetadata()
                .addToLabels(key, value)
                .endMetadata()
                .build();
    }

    static Node tainted(Node node, String key, String value, String effect) {
        return new NodeBuilder(node)
                .editOrNewSpec()
                .addToTaints(new TaintBuilder()
                        .withKey(key)
                        .withValue(value)
                        .withEffect(effect)
                        .build())
                .endSpec()
                .build();
    }

    static Node cordoned(Node node) {
        return new NodeBuilder(node)
                .editOrNewSpec()
                .withUnschedulable(true)
                .endSpec()
                .build();
    }

    /** A pending pod with one container requesting cpu and memory (null = no request). */
    static Pod pod(String name, String cpu, String memory) {
        Map<String, Quantity> req = new HashMap<>();
        if (cpu != null) {
            req.put("cpu", new Quantity(cpu));
        }
        if (memory != null) {
            req.put("memory", new Quantity(memory));
        }
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName(name)
                .withUid("uid-" + name)
                .withCreationTimestamp(T0.toString())
                .endMetadata()
                .withNewSpec()
                .addToContainers(new ContainerBuilder()
                        .withName("c")
                        .withImage("busybox")
                        .withNewResources()
                        .withRequests(req)
                        .endResources()
                        .build())
                .endSpec()
                .withNewStatus()
                .withPhase("Pending")
                .endStatus()
                .build();
    }

    static Pod pod(String name) {
        return pod(name, null, null);
    }

    static Pod boundTo(Pod pod, String node) {
        return new PodBuilder(pod)
                .editSpec()
                .withNodeName(node)
                .endSpec()
                .editStatus()
                .withPhase("Running")
                .endStatus()
                .build();
    }

    static Pod priority(Pod pod, int priority) {
        return new PodBuilder(pod).editSpec().withPriority(priority).endSpec().build();
    }

    static Pod createdAt(Pod pod, Instant at) {
        return new PodBuilder(pod)
                .editMetadata()
                .withCreationTimestamp(at.toString())
                .endMetadata()
                .build();
    }

    static Pod preemptionPolicy(Pod pod, String policy) {
        return new PodBuilder(pod)
                .editSpec()
                .withPreemptionPolicy(policy)
                .endSpec()
                .build();
    }

    static Pod nodeSelector(Pod pod, String key, String value) {
        return new PodBuilder(pod)
                .editSpec()
                .addToNodeSelector(key, value)
                .endSpec()
                .build();
    }

    /** The affinity the DaemonSet controller gives its pods: matchFields metadata.name In [node]. */
    static Pod pinnedTo(Pod pod, String node) {
        return new PodBuilder(pod)
                .editSpec()
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
                .endSpec()
                .build();
    }

    static Pod tolerating(Pod pod, String key, String operator, String value, String effect) {
        return new PodBuilder(pod)
                .editSpec()
                .addToTolerations(new TolerationBuilder()
                        .withKey(key)
                        .withOperator(operator)
                        .withValue(value)
                        .withEffect(effect)
                        .build())
                .endSpec()
                .build();
    }

    static Pod hostPort(Pod pod, int port, String protocol, String hostIp) {
        return new PodBuilder(pod)
                .editSpec()
                .editFirstContainer()
                .addToPorts(new ContainerPortBuilder()
                        .withContainerPort(port)
                        .withHostPort(port)
                        .withProtocol(protocol)
                        .withHostIP(hostIp)
                        .build())
                .endContainer()
                .endSpec()
                .build();
    }

    static Pod terminal(Pod pod, String phase) {
        return new PodBuilder(pod).editStatus().withPhase(phase).endStatus().build();
    }

    static Pod terminating(Pod pod) {
        return new PodBuilder(pod)
                .editMetadata()
                .withDeletionTimestamp(T0.toString())
                .endMetadata()
                .build();
    }

    static Pod nominated(Pod pod, String node) {
        return new PodBuilder(pod)
                .editStatus()
                .withNominatedNodeName(node)
                .endStatus()
                .build();
    }
}

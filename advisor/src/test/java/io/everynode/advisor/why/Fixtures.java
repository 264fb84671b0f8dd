package io.everynode.advisor.why;

import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * fabric8 objects as the API server would answer them, for the pure tests of the reasons; plan's
 * tests build on {@link #ds()}, {@link #node} and {@link #edge} too.
 */
public final class Fixtures {
    static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private Fixtures() {}

    /** pool=edge nodes, requests 200m cpu and 64Mi, maxUnavailable 1. */
    public static DaemonSet ds() {
        return new DaemonSetBuilder()
                .withNewMetadata()
                .withName("agent")
                .withNamespace("default")
                .withUid("ds-uid")
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "agent")
                .endSelector()
                .withNewUpdateStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withNewMaxUnavailable(1)
                .endRollingUpdate()
                .endUpdateStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "agent")
                .endMetadata()
                .withNewSpec()
                .addToNodeSelector("pool", "edge")
                .addNewContainer()
                .withName("main")
                .withImage("agent:1.0")
                .withNewResources()
                .addToRequests("cpu", new Quantity("200m"))
                .addToRequests("memory", new Quantity("64Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Node node(String name, Map<String, String> labels, String cpu, Taint... taints) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withTaints(List.of(taints))
                .endSpec()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity(cpu))
                .addToAllocatable("memory", new Quantity("1Gi"))
                .addToAllocatable("pods", new Quantity("110"))
                .endStatus()
                .build();
    }

    public static Node edge(String name) {
        return node(name, Map.of("pool", "edge"), "2");
    }

    /** A daemon pod of {@link #ds()} meant for {@code node}: bound, current revision, no status yet. */
    static PodBuilder daemonPod(String name, String node, DaemonSet ds) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .withUid(name + "-uid")
                .withCreationTimestamp("2026-12-05T09:00:00Z")
                .addToLabels("app", "agent")
                .addToLabels(DaemonSetFacts.HASH_LABEL, DaemonSetFacts.currentHash(ds))
                .addNewOwnerReference()
                .withKind("DaemonSet")
                .withName("agent")
                .withUid("ds-uid")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withSpec(new PodSpecBuilder(ds.getSpec().getTemplate().getSpec())
                        .withNodeName(node)
                        .build());
    }

    static Pod ready(PodBuilder b) {
        return b.withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .withLastTransitionTime("2026-12-05T09:00:05Z")
                .endCondition()
                .addToContainerStatuses(new ContainerStatusBuilder()
                        .withName("main")
                        .withReady(true)
                        .withRestartCount(0)
                        .withNewState()
                        .withNewRunning()
                        .endRunning()
                        .endState()
                        .build())
                .endStatus()
                .build();
    }

    static Pod withStatus(PodBuilder b, String phase, ContainerStatus... statuses) {
        return b.withNewStatus()
                .withPhase(phase)
                .addNewCondition()
                .withType("Ready")
                .withStatus("False")
                .endCondition()
                .withContainerStatuses(statuses)
                .endStatus()
                .build();
    }

    static Event event(String kind, String name, String uid, String reason, String message, String at) {
        return new EventBuilder()
                .withNewMetadata()
                .withName(name + "." + reason + at)
                .withNamespace("default")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind(kind)
                .withName(name)
                .withUid(uid)
                .endInvolvedObject()
                .withReason(reason)
                .withMessage(message)
                .withLastTimestamp(at)
                .withCount(3)
                .build();
    }

    static WhyInput input(DaemonSet ds, List<Node> nodes, List<Pod> pods, List<Event> events) {
        return new WhyInput(ds, nodes, pods, pods, events, NOW);
    }

    static Answer only(DaemonSet ds, Node node, List<Pod> pods, List<Event> events) {
        List<Answer> all = new WhyAnswers()
                .answer(
                        input(ds, List.of(node), pods, events),
                        node.getMetadata().getName());
        return all.get(0);
    }
}

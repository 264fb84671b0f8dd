package io.everynode.advisor.plan;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.List;
import java.util.Map;

/** fabric8 objects as the API server would answer them, for the pure tests of the planner. */
final class PlanFixtures {
    private PlanFixtures() {}

    /** pool=edge nodes, requests 200m cpu and 64Mi, RollingUpdate with these budgets. */
    static DaemonSet ds(String maxUnavailable, String maxSurge) {
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
                .withMaxUnavailable(intOrPercent(maxUnavailable))
                .withMaxSurge(intOrPercent(maxSurge))
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

    static DaemonSet ds() {
        return ds("1", "0");
    }

    private static IntOrString intOrPercent(String v) {
        return v.endsWith("%") ? new IntOrString(v) : new IntOrString(Integer.parseInt(v));
    }

    static Node node(String name, Map<String, String> labels, String cpu, Taint... taints) {
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

    static Node edge(String name) {
        return node(name, Map.of("pool", "edge"), "2");
    }

    /**
     * A ready pod on {@code node} controlled by {@code ownerKind}/{@code ownerUid} (null: none),
     * requesting {@code cpu} and 128Mi, created at 09:00:00 and ready {@code readyAfter} later.
     */
    static Pod pod(String name, String node, String ownerKind, String ownerUid, String cpu, String readyAt) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .withUid(name + "-uid")
                .withCreationTimestamp("2026-12-05T09:00:00Z")
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName("c")
                .withImage("x:1")
                .withNewResources()
                .addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity("128Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .addNewCondition()
                .withType("Ready")
                .withStatus("True")
                .withLastTransitionTime(readyAt)
                .endCondition()
                .endStatus();
        if (ownerKind != null) {
            b.editMetadata()
                    .addNewOwnerReference()
                    .withKind(ownerKind)
                    .withName("owner")
                    .withUid(ownerUid)
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata();
        }
        return b.build();
    }
}

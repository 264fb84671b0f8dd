package io.everynode.advisor.plan;

import io.everynode.advisor.why.Fixtures;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;

/** fabric8 objects as the API server would answer them, for the pure tests of the planner (nodes: why's {@link Fixtures}). */
final class PlanFixtures {
    private PlanFixtures() {}

    /** why's {@link Fixtures#ds()} (pool=edge nodes, requests 200m cpu and 64Mi), RollingUpdate with these budgets. */
    static DaemonSet ds(String maxUnavailable, String maxSurge) {
        DaemonSet ds = Fixtures.ds();
        var rollingUpdate = ds.getSpec().getUpdateStrategy().getRollingUpdate();
        rollingUpdate.setMaxUnavailable(intOrPercent(maxUnavailable));
        rollingUpdate.setMaxSurge(intOrPercent(maxSurge));
        return ds;
    }

    static DaemonSet ds() {
        return ds("1", "0");
    }

    private static IntOrString intOrPercent(String v) {
        return v.endsWith("%") ? new IntOrString(v) : new IntOrString(Integer.parseInt(v));
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

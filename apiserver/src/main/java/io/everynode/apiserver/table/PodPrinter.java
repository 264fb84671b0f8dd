package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE; wide IP NODE NOMINATED NODE READINESS GATES. */
final class PodPrinter implements RowPrinter<Pod> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
            Columns.of("Status", "string", "The aggregate status of the containers in this pod."),
            Columns.of(
                    "Restarts",
                    "string",
                    "The number of times the containers in this pod have been"
                            + " restarted and when the last container in this pod has restarted."),
            Columns.age(),
            Columns.wide(
                    "IP",
                    "string",
                    "podIP address allocated to the pod. Routable at least within"
                            + " the cluster. Empty if not yet allocated."),
            Columns.wide(
                    "Node",
                    "string",
                    "NodeName indicates in which node this pod is scheduled. If"
                            + " empty, this pod is a candidate for scheduling by the scheduler defined in"
                            + " schedulerName. Once this field is set, the kubelet for this node becomes responsible"
                            + " for the lifecycle of this pod. This field should not be used to express a desire for"
                            + " the pod to be scheduled on a specific node."
                            + " https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename"),
            Columns.wide(
                    "Nominated Node",
                    "string",
                    "nominatedNodeName is set only when this pod"
                            + " preempts other pods on the node, but it cannot be scheduled right away as preemption"
                            + " victims receive their graceful termination periods. This field does not guarantee"
                            + " that the pod will be scheduled on this node. Scheduler may decide to place the pod"
                            + " elsewhere if other nodes become available sooner. Scheduler may also decide to give"
                            + " the resources on this node to a higher priority pod that is created after"
                            + " preemption. As a result, this field may be different than PodSpec.nodeName when the"
                            + " pod is scheduled."),
            Columns.wide(
                    "Readiness Gates",
                    "string",
                    "If specified, all readiness gates will be"
                            + " evaluated for pod readiness. A pod is ready when all its containers are ready AND all"
                            + " conditions specified in the readiness gates have status equal to \"True\" More info:"
                            + " https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates"));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Pod> objectType() {
        return Pod.class;
    }

    @Override
    public List<Object> cells(Pod pod, Instant now) {
        PodSummary summary = PodSummary.of(pod, now);
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        return List.of(
                Columns.str(pod.getMetadata().getName()),
                summary.ready(),
                summary.status(),
                summary.restarts(),
                Times.since(pod.getMetadata().getCreationTimestamp(), now),
                orNone(podIp(status)),
                orNone(spec.getNodeName()),
                orNone(status.getNominatedNodeName()),
                readinessGates(spec, status));
    }

    /**
     * The first of {@code status.podIPs}; a lone {@code status.podIP} counts as the first, as the
     * v1-to-internal conversion upstream fills podIPs from it.
     */
    private static String podIp(PodStatus status) {
        if (status.getPodIPs() != null && !status.getPodIPs().isEmpty()) {
            return status.getPodIPs().get(0).getIp();
        }
        return status.getPodIP();
    }

    /** {@code <true>/<total>} over the gates (first matching condition decides), or {@code <none>}. */
    private static String readinessGates(PodSpec spec, PodStatus status) {
        List<PodReadinessGate> gates = spec.getReadinessGates();
        if (gates == null || gates.isEmpty()) {
            return "<none>";
        }
        List<PodCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions();
        long trueCount = gates.stream()
                .filter(g -> conditions.stream()
                        .filter(c -> c.getType() != null && c.getType().equals(g.getConditionType()))
                        .findFirst()
                        .map(c -> "True".equals(c.getStatus()))
                        .orElse(false))
                .count();
        return trueCount + "/" + gates.size();
    }

    private static String orNone(String s) {
        return s == null || s.isEmpty() ? "<none>" : s;
    }
}

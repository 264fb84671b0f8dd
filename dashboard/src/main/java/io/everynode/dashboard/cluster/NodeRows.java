package io.everynode.dashboard.cluster;

import io.everynode.api.Pods;
import io.everynode.api.qos.Resources;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster view's rows, in node-name order. Pure: decides from the nodes and the pods alone.
 * A pod counts against the node it is bound to until it ends (Succeeded or Failed), as the
 * scheduler counts it; its request is the scheduler's (containers' sum or the largest init
 * container, plus overhead).
 */
public final class NodeRows {
    /** The node conditions the view shows, in this order. */
    public static final List<String> CONDITIONS =
            List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable");

    private NodeRows() {}

    /** A row per node; {@code pods} may be of any node and namespace, or empty when the caller may not list them. */
    public static List<NodeRow> of(Collection<Node> nodes, Collection<Pod> pods) {
        Map<String, long[]> requested = new HashMap<>(); // node -> {cpu millis, memory bytes, pods}
        for (Pod p : pods) {
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            if (node == null || node.isEmpty() || Pods.isTerminal(p)) continue;
            long[] r = requested.computeIfAbsent(node, n -> new long[3]);
            r[0] += Resources.podCpuMillis(p.getSpec());
            r[1] += Resources.podMemoryBytes(p.getSpec());
            r[2] += 1;
        }
        return nodes.stream()
                .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                .map(n -> row(n, requested.getOrDefault(n.getMetadata().getName(), new long[3])))
                .toList();
    }

    static NodeRow row(Node node, long[] requested) {
        Map<String, String> conditions = new LinkedHashMap<>();
        CONDITIONS.forEach(c -> conditions.put(c, "Unknown"));
        if (node.getStatus() != null && node.getStatus().getConditions() != null) {
            for (NodeCondition c : node.getStatus().getConditions()) {
                if (conditions.containsKey(c.getType()))
                    conditions.put(c.getType(), c.getStatus() == null ? "Unknown" : c.getStatus());
            }
        }
        String ready = conditions.get("Ready");
        List<String> problems = new ArrayList<>();
        if (ready.equals("False")) problems.add("NotReady");
        else if (!ready.equals("True")) problems.add("ReadyUnknown");
        CONDITIONS.stream()
                .skip(1)
                .filter(c -> "True".equals(conditions.get(c)))
                .forEach(problems::add);
        List<String> taints = new ArrayList<>();
        if (node.getSpec() != null && node.getSpec().getTaints() != null) {
            for (Taint t : node.getSpec().getTaints()) taints.add(taint(t));
        }
        boolean cordoned =
                node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        Map<String, Quantity> capacity =
                node.getStatus() == null ? null : node.getStatus().getCapacity();
        Map<String, Quantity> allocatable =
                node.getStatus() == null ? null : node.getStatus().getAllocatable();
        // upstream: a node that reports no allocatable may use its whole capacity
        if (allocatable == null || allocatable.isEmpty()) allocatable = capacity;
        return new NodeRow(
                node.getMetadata().getName(),
                ready,
                conditions,
                problems,
                taints,
                cordoned,
                new NodeRow.Usage(
                        Resources.cpuMillis(get(capacity, Resources.CPU)),
                        Resources.cpuMillis(get(allocatable, Resources.CPU)),
                        requested[0]),
                new NodeRow.Usage(
                        Resources.bytes(get(capacity, Resources.MEMORY)),
                        Resources.bytes(get(allocatable, Resources.MEMORY)),
                        requested[1]),
                new NodeRow.Usage(
                        Resources.bytes(get(capacity, "pods")),
                        Resources.bytes(get(allocatable, "pods")),
                        requested[2]));
    }

    /** As kubectl describe node prints a taint: {@code key=value:Effect}, {@code key:Effect} without a value. */
    static String taint(Taint t) {
        String value = t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue();
        return t.getKey() + value + ":" + t.getEffect();
    }

    private static Quantity get(Map<String, Quantity> m, String key) {
        return m == null ? null : m.get(key);
    }
}

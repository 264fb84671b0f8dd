package io.everynode.controllers.scheduler;

import io.everynode.api.qos.Resources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node as the filters see it: the node, the non-terminal pods on it (bound in the cache or
 * assumed by this scheduler), and pods nominated to it with at least the priority of the pod
 * being scheduled (so a preemptor's freed room is not taken by lower-priority pods). Immutable;
 * preemption asks "what if" through {@link #withoutPods}.
 */
final class NodeInfo {
    static final String PODS = "pods";

    private final Node node;
    private final List<Pod> pods;
    private final List<Pod> nominated;
    private Map<String, Long> requested;

    NodeInfo(Node node, List<Pod> pods, List<Pod> nominated) {
        this.node = node;
        this.pods = List.copyOf(pods);
        this.nominated = List.copyOf(nominated);
    }

    Node node() {
        return node;
    }

    String name() {
        return node.getMetadata().getName();
    }

    /** Pods bound or assumed to this node; the only possible preemption victims. */
    List<Pod> pods() {
        return pods;
    }

    /** Bound, assumed and counted nominated pods. */
    List<Pod> allPods() {
        List<Pod> all = new ArrayList<>(pods);
        all.addAll(nominated);
        return all;
    }

    NodeInfo withoutPods(List<Pod> removed) {
        List<Pod> kept = new ArrayList<>(pods);
        kept.removeAll(removed);
        return new NodeInfo(node, kept, nominated);
    }

    NodeInfo withPod(Pod pod) {
        List<Pod> more = new ArrayList<>(pods);
        more.add(pod);
        return new NodeInfo(node, more, nominated);
    }

    /** Sum of the effective requests of all counted pods, in canonical units (see {@link #units}). */
    Map<String, Long> requested() {
        if (requested == null) {
            Map<String, Long> sum = new TreeMap<>();
            for (Pod p : allPods()) {
                podRequests(p).forEach((k, v) -> sum.merge(k, v, Long::sum));
            }
            requested = sum;
        }
        return requested;
    }

    /** Allocatable of one resource in canonical units; absent is 0, as upstream reads it. */
    long allocatable(String resource) {
        Map<String, Quantity> alloc =
                node.getStatus() == null ? null : node.getStatus().getAllocatable();
        Quantity q = alloc == null ? null : alloc.get(resource);
        return q == null ? 0 : units(resource, q.getNumericalAmount());
    }

    /** Host ports in use on this node. */
    List<HostPort> usedPorts() {
        List<HostPort> used = new ArrayList<>();
        for (Pod p : allPods()) {
            used.addAll(hostPorts(p));
        }
        return used;
    }

    /** Effective requests of a pod (R9.1's summation; init containers by max), canonical units. */
    static Map<String, Long> podRequests(Pod pod) {
        Map<String, Long> out = new TreeMap<>();
        if (pod.getSpec() == null) {
            return out;
        }
        Resources.podRequests(pod.getSpec()).forEach((k, v) -> out.put(k, units(k, v)));
        return out;
    }

    /** cpu in millicores, everything else in whole units (bytes, counts), rounded up. */
    static long units(String resource, BigDecimal amount) {
        BigDecimal scaled = Resources.CPU.equals(resource) ? amount.multiply(BigDecimal.valueOf(1000)) : amount;
        return scaled.setScale(0, RoundingMode.CEILING).longValue();
    }

    record HostPort(String ip, String protocol, int port) {
        /** Upstream's conflict rule: same protocol and port, and either ip is a wildcard or both equal. */
        boolean conflicts(HostPort other) {
            return protocol.equals(other.protocol)
                    && port == other.port
                    && (wildcard(ip) || wildcard(other.ip) || ip.equals(other.ip));
        }

        private static boolean wildcard(String ip) {
            return ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::");
        }
    }

    static List<HostPort> hostPorts(Pod pod) {
        List<HostPort> out = new ArrayList<>();
        if (pod.getSpec() == null) {
            return out;
        }
        List<Container> all = new ArrayList<>();
        if (pod.getSpec().getContainers() != null) {
            all.addAll(pod.getSpec().getContainers());
        }
        if (pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        for (Container c : all) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() != null && p.getHostPort() > 0) {
                    out.add(new HostPort(
                            p.getHostIP() == null ? "" : p.getHostIP(),
                            p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol(),
                            p.getHostPort()));
                }
            }
        }
        return out;
    }
}

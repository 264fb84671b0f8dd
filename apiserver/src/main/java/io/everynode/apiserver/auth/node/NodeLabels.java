package io.everynode.apiserver.auth.node;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Node labels a node may set on itself (upstream's kubelet label set and NodeRestriction's
 * label rule): never under {@code node-restriction.kubernetes.io/} (a label an administrator sets
 * so that workloads can trust it), and no other {@code kubernetes.io}/{@code k8s.io} label outside
 * the kubelet's own: hostname, os, arch, instance type, zone, region, and the
 * {@code kubelet.kubernetes.io} and {@code node.kubernetes.io} namespaces. Other labels are free.
 */
final class NodeLabels {
    static final String RESTRICTED = "node-restriction.kubernetes.io";

    private static final Set<String> KUBELET_LABELS = Set.of(
            "kubernetes.io/hostname",
            "kubernetes.io/os",
            "kubernetes.io/arch",
            "beta.kubernetes.io/os",
            "beta.kubernetes.io/arch",
            "beta.kubernetes.io/instance-type",
            "node.kubernetes.io/instance-type",
            "failure-domain.beta.kubernetes.io/zone",
            "failure-domain.beta.kubernetes.io/region",
            "topology.kubernetes.io/zone",
            "topology.kubernetes.io/region");

    private static final Set<String> KUBELET_NAMESPACES = Set.of("kubelet.kubernetes.io", "node.kubernetes.io");

    private NodeLabels() {}

    /** The keys whose value differs between {@code now} and {@code before}: added, changed or removed. */
    static Set<String> modified(Map<String, String> now, Map<String, String> before) {
        Set<String> out = new HashSet<>();
        for (var e : now.entrySet()) if (!Objects.equals(e.getValue(), before.get(e.getKey()))) out.add(e.getKey());
        for (String k : before.keySet()) if (!now.containsKey(k)) out.add(k);
        return out;
    }

    /** Of {@code keys}, those a node may not set, sorted (the order of upstream's message). */
    static TreeSet<String> forbidden(Set<String> keys) {
        TreeSet<String> out = new TreeSet<>();
        for (String k : keys) {
            String ns = namespace(k);
            if (ns.equals(RESTRICTED) || ns.endsWith("." + RESTRICTED)) out.add(k);
            if (kubernetesLabel(ns) && !kubeletLabel(k, ns)) out.add(k);
        }
        return out;
    }

    private static boolean kubernetesLabel(String ns) {
        return ns.equals("kubernetes.io")
                || ns.endsWith(".kubernetes.io")
                || ns.equals("k8s.io")
                || ns.endsWith(".k8s.io");
    }

    private static boolean kubeletLabel(String key, String ns) {
        if (KUBELET_LABELS.contains(key)) return true;
        for (String allowed : KUBELET_NAMESPACES) if (ns.equals(allowed) || ns.endsWith("." + allowed)) return true;
        return false;
    }

    private static String namespace(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? "" : key.substring(0, slash);
    }
}

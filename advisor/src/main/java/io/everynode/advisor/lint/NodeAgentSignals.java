package io.everynode.advisor.lint;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The documented signs that a workload is a node agent (docs/lint.md, "How lint reads intent"):
 * host access (hostNetwork, hostPID, a hostPath volume), a name or {@code app} label that names an
 * agent ({@code agent}, {@code exporter}, {@code collector}, well-known log shippers, {@code cni},
 * {@code csi}), and the {@code kube-system} namespace. Each sign is returned as words for messages.
 */
final class NodeAgentSignals {
    private static final Pattern AGENT_WORD = Pattern.compile(
            "(^|[-_.])(agent|exporter|collector|fluentd|fluent-bit|fluentbit|filebeat|promtail|node-problem-detector|"
                    + "cni|csi|daemon)($|[-_.])");
    private static final List<String> NAME_LABELS = List.of("app", "app.kubernetes.io/name", "k8s-app");

    private NodeAgentSignals() {}

    /** Host access of the pod spec, as "hostNetwork", "hostPID", "hostPath volume NAME". */
    static List<String> hostAccess(PodSpec spec) {
        List<String> out = new ArrayList<>();
        if (Boolean.TRUE.equals(spec.getHostNetwork())) out.add("hostNetwork");
        if (Boolean.TRUE.equals(spec.getHostPID())) out.add("hostPID");
        if (spec.getVolumes() != null) {
            for (Volume v : spec.getVolumes()) {
                if (v.getHostPath() != null) {
                    out.add("hostPath volume " + v.getName());
                    break;
                }
            }
        }
        return out;
    }

    /** The name or app label that names an agent, as "name fluent-bit", or empty. */
    static List<String> agentName(Workload w) {
        List<String> out = new ArrayList<>();
        if (AGENT_WORD.matcher(w.name()).find()) out.add("name " + w.name());
        Map<String, String> labels = w.podLabels();
        for (String key : NAME_LABELS) {
            String v = labels.get(key);
            if (v != null && !v.equals(w.name()) && AGENT_WORD.matcher(v).find()) out.add("label " + key + "=" + v);
        }
        return out;
    }

    static boolean inKubeSystem(Workload w) {
        return "kube-system".equals(w.metadata().getNamespace());
    }
}

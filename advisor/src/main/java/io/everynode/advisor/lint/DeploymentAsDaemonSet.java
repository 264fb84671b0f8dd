package io.everynode.advisor.lint;

import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * EN003: a Deployment doing a DaemonSet's job, the guide's third mistake: a Deployment places
 * replicas where they fit, so it may run two pods on one node and none on another; a DaemonSet
 * runs one on each selected node. Signals (docs/lint.md): a required pod anti-affinity on
 * {@code kubernetes.io/hostname} (one per node, spelled by hand) is enough alone; host access
 * (hostNetwork, hostPID, a hostPath volume) counts only together with an agent's name or label,
 * because plenty of ordinary Deployments mount a hostPath or use hostNetwork.
 */
final class DeploymentAsDaemonSet implements LintRule {
    static final String HOSTNAME = "kubernetes.io/hostname";

    @Override
    public String code() {
        return "EN003";
    }

    @Override
    public String name() {
        return "deployment-as-daemonset";
    }

    @Override
    public List<Issue> check(Workload w, LintContext context) {
        if (w.isDaemonSet()) return List.of();
        PodSpec spec = w.podSpec();
        List<String> signals = new ArrayList<>();
        String path = Workload.POD_SPEC;
        if (onePerNode(spec)) {
            signals.add("required pod anti-affinity on " + HOSTNAME);
            path = Workload.POD_SPEC + ".affinity.podAntiAffinity";
        }
        List<String> host = NodeAgentSignals.hostAccess(spec);
        List<String> name = NodeAgentSignals.agentName(w);
        if (signals.isEmpty() && (host.isEmpty() || name.isEmpty())) return List.of();
        signals.addAll(host);
        signals.addAll(name);
        return List.of(new Issue(
                Severity.WARNING,
                path,
                "a Deployment that looks like a node agent (" + String.join(", ", signals) + "): replicas go where"
                        + " they fit, two on one node and none on another; a DaemonSet runs exactly one per node"));
    }

    private static boolean onePerNode(PodSpec spec) {
        var affinity = spec.getAffinity();
        if (affinity == null || affinity.getPodAntiAffinity() == null) return false;
        List<PodAffinityTerm> required =
                affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        return required != null && required.stream().anyMatch(t -> HOSTNAME.equals(t.getTopologyKey()));
    }
}

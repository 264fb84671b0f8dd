package io.everynode.advisor.lint;

import java.util.ArrayList;
import java.util.List;

/**
 * EN004: a DaemonSet without a priorityClassName, the guide's fifth mistake ("under resource
 * pressure, the kubelet evicts your monitoring agent first"): with priority 0 its pods rank low
 * for eviction (R9.3) and cannot preempt (R8.4). A warning when the DaemonSet is clearly a critical
 * node agent (kube-system, host access, an agent's name: {@link NodeAgentSignals}), info otherwise.
 */
final class NoPriorityClass implements LintRule {
    @Override
    public String code() {
        return "EN004";
    }

    @Override
    public String name() {
        return "no-priority-class";
    }

    @Override
    public List<Issue> check(Workload w, LintContext context) {
        if (!w.isDaemonSet()) return List.of();
        String pc = w.podSpec().getPriorityClassName();
        if (pc != null && !pc.isEmpty()) return List.of();
        List<String> critical = new ArrayList<>();
        if (NodeAgentSignals.inKubeSystem(w)) critical.add("namespace kube-system");
        critical.addAll(NodeAgentSignals.hostAccess(w.podSpec()));
        critical.addAll(NodeAgentSignals.agentName(w));
        String why = critical.isEmpty() ? "" : " (a node agent: " + String.join(", ", critical) + ")";
        return List.of(new Issue(
                critical.isEmpty() ? Severity.INFO : Severity.WARNING,
                Workload.POD_SPEC + ".priorityClassName",
                "no priorityClassName" + why + ": under resource pressure its pods are among the first evicted"
                        + " and cannot preempt to get back; use system-node-critical or a class of your own"));
    }
}

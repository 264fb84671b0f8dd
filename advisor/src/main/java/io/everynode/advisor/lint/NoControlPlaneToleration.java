package io.everynode.advisor.lint;

import io.everynode.api.scheduling.Tolerations;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * EN001: a DaemonSet meant for every node that does not tolerate the control plane's taint, so
 * the control-plane nodes run none of its pods (R1.5; the automatic tolerations of R1.9 do not
 * include it). The guide's "missing tolerations" mistake. Intent, read so that false positives
 * stay low (docs/lint.md): nothing restricts the nodes (no nodeSelector, no required node affinity,
 * R1.3/R1.4), and the object says it is a node agent ({@code everynode.io/lint-intent: every-node},
 * the kube-system namespace, host access, or an agent's name). {@code lint-intent: selected-nodes}
 * turns the rule off for the object.
 */
final class NoControlPlaneToleration implements LintRule {
    static final String TAINT_KEY = "node-role.kubernetes.io/control-plane";
    private static final Taint CONTROL_PLANE =
            new TaintBuilder().withKey(TAINT_KEY).withEffect("NoSchedule").build();

    @Override
    public String code() {
        return "EN001";
    }

    @Override
    public String name() {
        return "no-control-plane-toleration";
    }

    @Override
    public List<Issue> check(Workload w, LintContext context) {
        if (!w.isDaemonSet()) return List.of();
        PodSpec spec = w.podSpec();
        if (Tolerations.tolerated(CONTROL_PLANE, spec.getTolerations())) return List.of();
        String intent = w.annotation(LintAnnotations.INTENT).orElse("");
        if (intent.equals(LintAnnotations.SELECTED_NODES)) return List.of();
        List<String> why = new ArrayList<>();
        if (intent.equals(LintAnnotations.EVERY_NODE)) {
            why.add("annotation " + LintAnnotations.INTENT + ": " + LintAnnotations.EVERY_NODE);
        } else {
            if (restrictsNodes(spec)) return List.of();
            if (NodeAgentSignals.inKubeSystem(w)) why.add("namespace kube-system");
            why.addAll(NodeAgentSignals.hostAccess(spec));
            why.addAll(NodeAgentSignals.agentName(w));
            if (why.isEmpty()) return List.of();
        }
        return List.of(new Issue(
                Severity.WARNING,
                Workload.POD_SPEC + ".tolerations",
                "looks meant for every node (" + String.join(", ", why) + ") but tolerates no " + TAINT_KEY
                        + ":NoSchedule taint, so control-plane nodes get no pod; add the toleration, or annotate "
                        + LintAnnotations.INTENT + ": " + LintAnnotations.SELECTED_NODES));
    }

    private static boolean restrictsNodes(PodSpec spec) {
        if (spec.getNodeSelector() != null && !spec.getNodeSelector().isEmpty()) return true;
        if (spec.getNodeName() != null && !spec.getNodeName().isEmpty()) return true;
        var affinity = spec.getAffinity();
        return affinity != null
                && affinity.getNodeAffinity() != null
                && affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null;
    }
}

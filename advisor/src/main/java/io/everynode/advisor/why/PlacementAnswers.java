package io.everynode.advisor.why;

import io.everynode.api.scheduling.NodeSelectors;
import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.everynode.controllers.scheduler.SchedulerReasons;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers from placement alone: should the node run the pod (the controller's own decision,
 * R1.1–R1.8, via {@link NodeShouldRunDaemonPod}) and does it fit (the scheduler's own arithmetic,
 * via {@link SchedulerReasons}). The messages are the scheduler's FailedScheduling words; the
 * details name the selector entry, affinity term or taint at fault.
 *
 * <p>Public for {@code plan} (advisor.plan), so a plan names a node's placement in the very words
 * {@code why} uses.
 */
public final class PlacementAnswers {
    private PlacementAnswers() {}

    /** Why the node should not run the pod, or empty when it should. */
    public static Optional<Answer> shouldNotRun(Node node, DaemonSet ds) {
        NodeShouldRunDaemonPod.Decision d = NodeShouldRunDaemonPod.evaluate(node, ds);
        if (d.shouldRun()) {
            return Optional.empty();
        }
        String name = node.getMetadata().getName();
        PodSpec spec = ds.getSpec().getTemplate().getSpec();
        return Optional.of(
                switch (d.reason()) {
                    case NodeShouldRunDaemonPod.NODE_NAME_MISMATCH ->
                        Answer.of(
                                name,
                                Reason.NODE_NAME,
                                "node(s) didn't match the requested node name",
                                null,
                                List.of("template spec.nodeName: " + spec.getNodeName()));
                    case NodeShouldRunDaemonPod.NODE_SELECTOR_MISMATCH ->
                        Answer.of(
                                name,
                                Reason.NODE_SELECTOR,
                                SchedulerReasons.NODE_AFFINITY,
                                null,
                                selectorMisses(node, spec));
                    case NodeShouldRunDaemonPod.NODE_AFFINITY_MISMATCH ->
                        Answer.of(
                                name,
                                Reason.NODE_AFFINITY,
                                SchedulerReasons.NODE_AFFINITY,
                                null,
                                affinityMisses(node, spec));
                    default ->
                        Answer.of(
                                name,
                                Reason.UNTOLERATED_TAINT,
                                SchedulerReasons.untoleratedTaint(d.taint()),
                                null,
                                List.of(
                                        "taint " + d.taint().getKey()
                                                + (d.taint().getValue() == null
                                                        ? ""
                                                        : "=" + d.taint().getValue())
                                                + ":" + d.taint().getEffect() + " is not tolerated",
                                        d.shouldContinueRunning()
                                                ? "NoSchedule: a pod already there may stay, no new one is created"
                                                : "NoExecute: a pod there is removed"));
                });
    }

    /** The resources {@code pod} is short of on the node, or empty when it fits. */
    public static Optional<Answer> cannotFit(Node node, Pod pod, List<Pod> podsOnNode) {
        List<SchedulerReasons.Shortfall> shortfalls = SchedulerReasons.shortfalls(pod, node, podsOnNode);
        if (shortfalls.isEmpty()) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (SchedulerReasons.Shortfall s : shortfalls) {
            String r = s.resource();
            reasons.add(s.reason() + " (requested " + Amounts.format(r, s.requested()) + ", free "
                    + Amounts.format(r, s.free()) + ")");
            details.add(r + ": requested " + Amounts.format(r, s.requested()) + ", free "
                    + Amounts.format(r, s.free()) + " of " + Amounts.format(r, s.allocatable())
                    + " allocatable (" + podsOnNode.size() + " pods on the node)");
        }
        String podName = pod.getMetadata() == null ? null : pod.getMetadata().getName();
        return Optional.of(Answer.of(
                node.getMetadata().getName(),
                Reason.INSUFFICIENT_RESOURCES,
                String.join(", ", reasons),
                podName,
                details));
    }

    private static List<String> selectorMisses(Node node, PodSpec spec) {
        Map<String, String> labels = node.getMetadata().getLabels() == null
                ? Map.of()
                : node.getMetadata().getLabels();
        List<String> out = new ArrayList<>();
        spec.getNodeSelector().forEach((k, v) -> {
            if (!v.equals(labels.get(k))) {
                out.add("nodeSelector " + k + "=" + v + ": node has "
                        + (labels.containsKey(k) ? k + "=" + labels.get(k) : "no label " + k));
            }
        });
        return out;
    }

    private static List<String> affinityMisses(Node node, PodSpec spec) {
        Map<String, String> labels = node.getMetadata().getLabels() == null
                ? Map.of()
                : node.getMetadata().getLabels();
        List<NodeSelectorTerm> terms = spec.getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            NodeSelectorTerm term = terms.get(i);
            if (NodeSelectors.requiredAffinityMatches(new NodeSelector(List.of(term)), node)) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (NodeSelectorRequirement r : term.getMatchExpressions() == null
                    ? List.<NodeSelectorRequirement>of()
                    : term.getMatchExpressions()) {
                parts.add(requirement(r) + " (node has "
                        + (labels.containsKey(r.getKey())
                                ? r.getKey() + "=" + labels.get(r.getKey())
                                : "no label " + r.getKey())
                        + ")");
            }
            for (NodeSelectorRequirement r :
                    term.getMatchFields() == null ? List.<NodeSelectorRequirement>of() : term.getMatchFields()) {
                parts.add(requirement(r) + " (node " + node.getMetadata().getName() + ")");
            }
            out.add("required node-affinity term " + (i + 1) + " does not match: " + String.join(", ", parts));
        }
        return out;
    }

    private static String requirement(NodeSelectorRequirement r) {
        String values =
                r.getValues() == null || r.getValues().isEmpty() ? "" : " [" + String.join(", ", r.getValues()) + "]";
        return r.getKey() + " " + r.getOperator() + values;
    }
}

package io.everynode.api.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;

/**
 * Node placement constraints of a pod spec: {@code nodeSelector} (R1.3) and required node affinity
 * (R1.4). Pure functions over fabric8 types; null-tolerant throughout.
 */
public final class NodeSelectors {
    private NodeSelectors() {}

    /** R1.3: every key/value of {@code nodeSelector} is on the node with the same value. */
    public static boolean nodeSelectorMatches(Map<String, String> nodeSelector, Node node) {
        if (nodeSelector == null || nodeSelector.isEmpty()) {
            return true;
        }
        Map<String, String> labels = labels(node);
        for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
            if (!labels.containsKey(e.getKey()) || !labels.get(e.getKey()).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /**
     * R1.4: terms are ORed; within a term all matchExpressions (node labels) and matchFields
     * (only {@code metadata.name}) are ANDed. A term with neither list matches nothing; a term
     * with a parse error (bad operator, wrong value count, non-integer Gt/Lt) does not match.
     * A null selector is no constraint; a non-null one with no usable term matches no node.
     */
    public static boolean requiredAffinityMatches(NodeSelector required, Node node) {
        if (required == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = required.getNodeSelectorTerms();
        if (terms == null) {
            return false;
        }
        for (NodeSelectorTerm term : terms) {
            if (termMatches(term, node)) {
                return true;
            }
        }
        return false;
    }

    /** R1.3 and R1.4 together, as the DaemonSet controller and the scheduler both apply them. */
    public static boolean podFitsNode(PodSpec spec, Node node) {
        if (spec == null) {
            return true;
        }
        NodeSelector required = spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null
                ? null
                : spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        return nodeSelectorMatches(spec.getNodeSelector(), node) && requiredAffinityMatches(required, node);
    }

    static boolean termMatches(NodeSelectorTerm term, Node node) {
        List<NodeSelectorRequirement> exprs = term.getMatchExpressions();
        List<NodeSelectorRequirement> fields = term.getMatchFields();
        boolean noExprs = exprs == null || exprs.isEmpty();
        boolean noFields = fields == null || fields.isEmpty();
        if (noExprs && noFields) {
            return false;
        }
        Map<String, String> labels = labels(node);
        if (!noExprs) {
            for (NodeSelectorRequirement r : exprs) {
                if (!labelRequirementMatches(r, labels)) {
                    return false;
                }
            }
        }
        if (!noFields) {
            String name = node.getMetadata() == null ? null : node.getMetadata().getName();
            Map<String, String> nodeFields = name == null ? Map.of() : Map.of("metadata.name", name);
            for (NodeSelectorRequirement r : fields) {
                if (!fieldRequirementMatches(r, nodeFields)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** One matchExpressions entry; any parse error means "does not match" (R1.4). */
    static boolean labelRequirementMatches(NodeSelectorRequirement r, Map<String, String> labels) {
        String key = r.getKey();
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        if (key == null || key.isEmpty()) {
            return false;
        }
        boolean has = labels.containsKey(key);
        String op = r.getOperator() == null ? "" : r.getOperator();
        switch (op) {
            case "In":
                return !values.isEmpty() && has && values.contains(labels.get(key));
            case "NotIn":
                return !values.isEmpty() && (!has || !values.contains(labels.get(key)));
            case "Exists":
                return values.isEmpty() && has;
            case "DoesNotExist":
                return values.isEmpty() && !has;
            case "Gt":
            case "Lt":
                if (values.size() != 1) {
                    return false;
                }
                Long want = parseLong(values.get(0));
                Long have = has ? parseLong(labels.get(key)) : null;
                if (want == null || have == null) {
                    return false;
                }
                return op.equals("Gt") ? have > want : have < want;
            default:
                return false;
        }
    }

    /** One matchFields entry: only In/NotIn with exactly one value on metadata.name (R1.4). */
    static boolean fieldRequirementMatches(NodeSelectorRequirement r, Map<String, String> fields) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        if (!"metadata.name".equals(r.getKey()) || values.size() != 1) {
            return false;
        }
        String have = fields.get(r.getKey());
        if ("In".equals(r.getOperator())) {
            return values.get(0).equals(have);
        }
        if ("NotIn".equals(r.getOperator())) {
            return !values.get(0).equals(have);
        }
        return false;
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }

    static Map<String, String> labels(Node node) {
        if (node == null || node.getMetadata() == null || node.getMetadata().getLabels() == null) {
            return Map.of();
        }
        return node.getMetadata().getLabels();
    }
}

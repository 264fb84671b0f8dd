package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Label and selector text as upstream prints it ({@code labels.FormatLabels},
 * {@code metav1.FormatLabelSelector}).
 */
final class LabelText {
    private LabelText() {}

    /** {@code k=v,k2=v2} sorted by key, or {@code <none>} when there are none. */
    static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    /**
     * A label selector's string form: one requirement per matchLabels entry ({@code k=v}) and per
     * matchExpressions entry ({@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}),
     * sorted by key, values sorted; {@code <none>} for a missing or empty selector, and
     * {@code <error>} for one that would fail validation (upstream's conversion error).
     */
    static String selector(LabelSelector selector) {
        if (selector == null) {
            return "<none>";
        }
        record Requirement(String key, String text) {}
        List<Requirement> requirements = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> requirements.add(new Requirement(k, k + "=" + v)));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement expr : selector.getMatchExpressions()) {
                String key = Columns.str(expr.getKey());
                List<String> values = expr.getValues() == null
                        ? List.of()
                        : expr.getValues().stream().sorted().toList();
                String op = Columns.str(expr.getOperator());
                String text;
                switch (op) {
                    case "In", "NotIn" -> {
                        if (values.isEmpty()) {
                            return "<error>";
                        }
                        text = key + (op.equals("In") ? " in (" : " notin (") + String.join(",", values) + ")";
                    }
                    case "Exists", "DoesNotExist" -> {
                        if (!values.isEmpty()) {
                            return "<error>";
                        }
                        text = op.equals("Exists") ? key : "!" + key;
                    }
                    default -> {
                        return "<error>";
                    }
                }
                requirements.add(new Requirement(key, text));
            }
        }
        if (requirements.isEmpty()) {
            return "<none>";
        }
        requirements.sort(Comparator.comparing(Requirement::key));
        return String.join(",", requirements.stream().map(Requirement::text).toList());
    }
}

package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import java.util.List;

/** Node-affinity syntax (upstream validateNodeAffinity); pod (anti-)affinity is not checked. */
final class AffinityValidation {
    private AffinityValidation() {}

    static void affinity(List<FieldError> errs, Affinity affinity, String path) {
        if (affinity == null || affinity.getNodeAffinity() == null) {
            return;
        }
        String p = path + ".nodeAffinity";
        NodeSelector required = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        if (required != null) {
            String rp = p + ".requiredDuringSchedulingIgnoredDuringExecution";
            List<NodeSelectorTerm> terms = required.getNodeSelectorTerms();
            if (terms == null || terms.isEmpty()) {
                errs.add(FieldError.required(rp + ".nodeSelectorTerms", "must have at least one node selector term"));
            } else {
                for (int i = 0; i < terms.size(); i++) {
                    term(errs, terms.get(i), rp + ".nodeSelectorTerms[" + i + "]");
                }
            }
        }
        List<PreferredSchedulingTerm> preferred =
                affinity.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        if (preferred != null) {
            for (int i = 0; i < preferred.size(); i++) {
                String pp = p + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
                Integer w = preferred.get(i).getWeight();
                if (w == null || w < 1 || w > 100) {
                    errs.add(FieldError.invalid(pp + ".weight", w, "must be in the range 1-100"));
                }
                if (preferred.get(i).getPreference() != null) {
                    term(errs, preferred.get(i).getPreference(), pp + ".preference");
                }
            }
        }
    }

    static void term(List<FieldError> errs, NodeSelectorTerm term, String path) {
        List<NodeSelectorRequirement> exprs = term.getMatchExpressions();
        if (exprs != null) {
            for (int i = 0; i < exprs.size(); i++) {
                expression(errs, exprs.get(i), path + ".matchExpressions[" + i + "]");
            }
        }
        List<NodeSelectorRequirement> fields = term.getMatchFields();
        if (fields != null) {
            for (int i = 0; i < fields.size(); i++) {
                field(errs, fields.get(i), path + ".matchFields[" + i + "]");
            }
        }
    }

    private static void expression(List<FieldError> errs, NodeSelectorRequirement r, String p) {
        int n = r.getValues() == null ? 0 : r.getValues().size();
        String op = r.getOperator() == null ? "" : r.getOperator();
        switch (op) {
            case "In", "NotIn" -> {
                if (n == 0) {
                    errs.add(
                            FieldError.required(p + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (n > 0) {
                    errs.add(FieldError.forbidden(
                            p + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                }
            }
            case "Gt", "Lt" -> {
                if (n != 1) {
                    errs.add(FieldError.required(
                            p + ".values", "must be specified single value when `operator` is 'Lt' or 'Gt'"));
                }
            }
            default -> errs.add(FieldError.invalid(p + ".operator", op, "not a valid selector operator"));
        }
        Common.labelName(errs, r.getKey(), p + ".key");
    }

    private static void field(List<FieldError> errs, NodeSelectorRequirement r, String p) {
        if (!"metadata.name".equals(r.getKey())) {
            errs.add(FieldError.notSupported(p + ".key", r.getKey(), List.of("metadata.name")));
        }
        String op = r.getOperator() == null ? "" : r.getOperator();
        int n = r.getValues() == null ? 0 : r.getValues().size();
        switch (op) {
            case "In", "NotIn" -> {
                if (n != 1) {
                    errs.add(FieldError.required(
                            p + ".values",
                            "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
                }
            }
            default -> errs.add(FieldError.invalid(p + ".operator", op, "not a valid selector operator"));
        }
    }
}

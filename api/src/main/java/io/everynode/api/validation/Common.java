package io.everynode.api.validation;

import io.everynode.api.selector.LabelSyntax;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Validation pieces shared by several kinds (upstream apimachinery + core helpers). */
final class Common {
    static final String IMMUTABLE = "field is immutable";
    static final String NON_NEGATIVE = "must be greater than or equal to 0";

    private Common() {}

    static void nonNegative(List<FieldError> errs, Number value, String path) {
        if (value != null && value.longValue() < 0) {
            errs.add(FieldError.invalid(path, value, NON_NEGATIVE));
        }
    }

    static String inclusiveRange(long lo, long hi) {
        return "must be between " + lo + " and " + hi + ", inclusive";
    }

    /** Upstream ValidateLabels: bad keys and values are reported at the map's path. */
    static void labels(List<FieldError> errs, Map<String, String> labels, String path) {
        if (labels == null) {
            return;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            labelName(errs, e.getKey(), path);
            String v = e.getValue() == null ? "" : e.getValue();
            for (String msg : LabelSyntax.labelValue(v)) {
                errs.add(FieldError.invalid(path, v, msg));
            }
        }
    }

    static void labelName(List<FieldError> errs, String key, String path) {
        for (String msg : LabelSyntax.qualifiedName(key == null ? "" : key)) {
            errs.add(FieldError.invalid(path, key, msg));
        }
    }

    static void annotations(List<FieldError> errs, Map<String, String> annotations, String path) {
        if (annotations == null) {
            return;
        }
        for (String key : annotations.keySet()) {
            for (String msg : LabelSyntax.qualifiedName(key.toLowerCase())) {
                errs.add(FieldError.invalid(path, key, msg));
            }
        }
        if (LabelSyntax.annotationsSize(annotations) > LabelSyntax.TOTAL_ANNOTATION_SIZE_LIMIT) {
            errs.add(FieldError.tooLong(path, LabelSyntax.TOTAL_ANNOTATION_SIZE_LIMIT));
        }
    }

    /** Upstream ValidateLabelSelector (R6.2 first bullet). A null selector is not an error here. */
    static void labelSelector(List<FieldError> errs, LabelSelector selector, String path) {
        if (selector == null) {
            return;
        }
        List<LabelSelectorRequirement> exprs =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        for (int i = 0; i < exprs.size(); i++) {
            LabelSelectorRequirement r = exprs.get(i);
            String p = path + ".matchExpressions[" + i + "]";
            int n = r.getValues() == null ? 0 : r.getValues().size();
            String op = r.getOperator() == null ? "" : r.getOperator();
            switch (op) {
                case "In", "NotIn" -> {
                    if (n == 0) {
                        errs.add(FieldError.required(
                                p + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (n > 0) {
                        errs.add(FieldError.forbidden(
                                p + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                }
                default -> errs.add(FieldError.invalid(p + ".operator", op, "not a valid selector operator"));
            }
            labelName(errs, r.getKey(), p + ".key");
            if (r.getValues() != null) {
                for (int j = 0; j < r.getValues().size(); j++) {
                    for (String msg : LabelSyntax.labelValue(r.getValues().get(j))) {
                        errs.add(FieldError.invalid(
                                p + ".values[" + j + "]", r.getValues().get(j), msg));
                    }
                }
            }
        }
        labels(errs, selector.getMatchLabels(), path + ".matchLabels");
    }

    static List<FieldError> list() {
        return new ArrayList<>();
    }

    static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}

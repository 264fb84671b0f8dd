package io.everynode.api.validation;

import io.everynode.api.selector.LabelSyntax;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Pod tolerations and node taints syntax (upstream ValidateTolerations / validateNodeTaints). */
final class TolerationValidation {
    static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private TolerationValidation() {}

    static void tolerations(List<FieldError> errs, List<Toleration> tolerations, String path) {
        if (tolerations == null) {
            return;
        }
        for (int i = 0; i < tolerations.size(); i++) {
            Toleration t = tolerations.get(i);
            String p = path + "[" + i + "]";
            String op = t.getOperator() == null ? "" : t.getOperator();
            if (!Common.empty(t.getKey())) {
                Common.labelName(errs, t.getKey(), p + ".key");
            } else if (!op.equals("Exists")) {
                // Empty key means "match all keys", which only makes sense with Exists.
                errs.add(FieldError.invalid(
                        p + ".operator",
                        op,
                        "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
            }
            if (t.getTolerationSeconds() != null && !"NoExecute".equals(t.getEffect())) {
                errs.add(FieldError.invalid(
                        p + ".effect",
                        t.getEffect() == null ? "" : t.getEffect(),
                        "effect must be 'NoExecute' when `tolerationSeconds` is set"));
            }
            switch (op) {
                case "", "Equal" -> {
                    String v = t.getValue() == null ? "" : t.getValue();
                    for (String msg : LabelSyntax.labelValue(v)) {
                        errs.add(FieldError.invalid(p + ".value", v, msg));
                    }
                }
                case "Exists" -> {
                    if (!Common.empty(t.getValue())) {
                        errs.add(FieldError.invalid(
                                p + ".operator", t, "value must be empty when `operator` is 'Exists'"));
                    }
                }
                default -> errs.add(FieldError.notSupported(p + ".operator", op, List.of("Equal", "Exists")));
            }
            if (!Common.empty(t.getEffect()) && !EFFECTS.contains(t.getEffect())) {
                errs.add(FieldError.notSupported(p + ".effect", t.getEffect(), EFFECTS));
            }
        }
    }

    static void taints(List<FieldError> errs, List<Taint> taints, String path) {
        if (taints == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < taints.size(); i++) {
            Taint t = taints.get(i);
            String p = path + "[" + i + "]";
            Common.labelName(errs, t.getKey(), p + ".key");
            if (!Common.empty(t.getValue())) {
                for (String msg : LabelSyntax.labelValue(t.getValue())) {
                    errs.add(FieldError.invalid(p + ".value", t.getValue(), msg));
                }
            }
            if (Common.empty(t.getEffect())) {
                errs.add(FieldError.required(p + ".effect", ""));
            } else if (!EFFECTS.contains(t.getEffect())) {
                errs.add(FieldError.notSupported(p + ".effect", t.getEffect(), EFFECTS));
            }
            String id = Objects.toString(t.getKey(), "") + "\u0000" + Objects.toString(t.getEffect(), "");
            if (!seen.add(id)) {
                errs.add(new FieldError(
                        p, FieldError.Type.DUPLICATE, t, "taints must be unique by key and effect pair"));
            }
        }
    }
}

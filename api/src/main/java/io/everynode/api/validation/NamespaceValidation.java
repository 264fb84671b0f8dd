package io.everynode.api.validation;

import io.everynode.api.selector.LabelSyntax;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Set;

/** Namespace validation: DNS-1123 label name, cluster-scoped, finalizer names. */
public final class NamespaceValidation {
    static final Set<String> STANDARD_FINALIZERS = Set.of("kubernetes", "orphan", "foregroundDeletion");

    private NamespaceValidation() {}

    public static List<FieldError> validateCreate(Namespace ns) {
        List<FieldError> errs =
                ObjectMetaValidation.validate(ns.getMetadata(), false, ObjectMetaValidation.NameRule.DNS_LABEL);
        finalizers(errs, ns);
        return errs;
    }

    public static List<FieldError> validateUpdate(Namespace newNs, Namespace oldNs) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(newNs.getMetadata(), oldNs.getMetadata());
        finalizers(errs, newNs);
        return errs;
    }

    private static void finalizers(List<FieldError> errs, Namespace ns) {
        if (ns.getSpec() == null || ns.getSpec().getFinalizers() == null) {
            return;
        }
        List<String> fins = ns.getSpec().getFinalizers();
        for (int i = 0; i < fins.size(); i++) {
            String f = fins.get(i);
            String p = "spec.finalizers[" + i + "]";
            List<String> problems = LabelSyntax.qualifiedName(f);
            for (String msg : problems) {
                errs.add(FieldError.invalid(p, f, msg));
            }
            if (problems.isEmpty() && !f.contains("/") && !STANDARD_FINALIZERS.contains(f)) {
                errs.add(FieldError.invalid(
                        p, f, "name is neither a standard finalizer name nor is it fully qualified"));
            }
        }
    }
}

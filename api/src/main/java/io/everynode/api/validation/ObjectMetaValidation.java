package io.everynode.api.validation;

import io.everynode.api.selector.LabelSyntax;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** metadata validation (upstream ValidateObjectMeta / ValidateObjectMetaUpdate; R6.1). */
public final class ObjectMetaValidation {

    /** Which name syntax a kind requires. */
    public enum NameRule {
        /** RFC 1123 subdomain: most kinds (pods, daemonsets, nodes, priority classes...). */
        DNS_SUBDOMAIN(LabelSyntax::dns1123Subdomain),
        /** RFC 1123 label: namespaces (and services). */
        DNS_LABEL(LabelSyntax::dns1123Label),
        /** RFC 1035 label: services. */
        DNS1035_LABEL(LabelSyntax::dns1035Label),
        /** One URL path segment: RBAC roles and bindings ({@code system:node}). */
        PATH_SEGMENT(LabelSyntax::pathSegmentName);

        final Function<String, List<String>> check;

        NameRule(Function<String, List<String>> check) {
            this.check = check;
        }
    }

    private ObjectMetaValidation() {}

    /**
     * Create-time checks: name (or generateName) syntax, namespace presence (namespaced kinds) or
     * absence (cluster kinds), generation ≥ 0, label and annotation syntax, annotation size.
     */
    public static List<FieldError> validate(ObjectMeta meta, boolean namespaced, NameRule rule) {
        List<FieldError> errs = Common.list();
        if (meta == null) {
            errs.add(FieldError.required("metadata.name", "name or generateName is required"));
            return errs;
        }
        String generateName = meta.getGenerateName();
        if (!Common.empty(generateName)) {
            // A prefix may end in '-': the random suffix completes it.
            String masked = generateName.endsWith("-")
                    ? generateName.substring(0, generateName.length() - 1) + "a"
                    : generateName;
            for (String msg : rule.check.apply(masked)) {
                errs.add(FieldError.invalid("metadata.generateName", generateName, msg));
            }
        }
        String name = meta.getName();
        if (Common.empty(name)) {
            if (Common.empty(generateName)) {
                errs.add(FieldError.required("metadata.name", "name or generateName is required"));
            }
        } else {
            for (String msg : rule.check.apply(name)) {
                errs.add(FieldError.invalid("metadata.name", name, msg));
            }
        }
        String ns = meta.getNamespace();
        if (namespaced) {
            if (Common.empty(ns)) {
                errs.add(FieldError.required("metadata.namespace", ""));
            } else {
                for (String msg : LabelSyntax.dns1123Label(ns)) {
                    errs.add(FieldError.invalid("metadata.namespace", ns, msg));
                }
            }
        } else if (!Common.empty(ns)) {
            errs.add(FieldError.forbidden("metadata.namespace", "not allowed on this type"));
        }
        Common.nonNegative(errs, meta.getGeneration(), "metadata.generation");
        Common.labels(errs, meta.getLabels(), "metadata.labels");
        Common.annotations(errs, meta.getAnnotations(), "metadata.annotations");
        return errs;
    }

    /** Update-time checks: name, namespace, uid and creationTimestamp are immutable. */
    public static List<FieldError> validateUpdate(ObjectMeta newMeta, ObjectMeta oldMeta) {
        List<FieldError> errs = Common.list();
        ObjectMeta n = newMeta == null ? new ObjectMeta() : newMeta;
        ObjectMeta o = oldMeta == null ? new ObjectMeta() : oldMeta;
        immutable(errs, n.getName(), o.getName(), "metadata.name");
        immutable(errs, n.getNamespace(), o.getNamespace(), "metadata.namespace");
        if (!Common.empty(n.getUid())) {
            immutable(errs, n.getUid(), o.getUid(), "metadata.uid");
        }
        if (!Common.empty(n.getCreationTimestamp())) {
            immutable(errs, n.getCreationTimestamp(), o.getCreationTimestamp(), "metadata.creationTimestamp");
        }
        Common.nonNegative(errs, n.getGeneration(), "metadata.generation");
        Common.labels(errs, n.getLabels(), "metadata.labels");
        Common.annotations(errs, n.getAnnotations(), "metadata.annotations");
        return errs;
    }

    private static void immutable(List<FieldError> errs, String newValue, String oldValue, String path) {
        if (!Objects.equals(nz(newValue), nz(oldValue))) {
            errs.add(FieldError.invalid(path, nz(newValue), Common.IMMUTABLE));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

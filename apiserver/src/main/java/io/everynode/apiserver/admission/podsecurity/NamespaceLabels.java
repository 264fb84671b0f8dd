package io.everynode.apiserver.admission.podsecurity;

import io.everynode.api.podsecurity.Level;
import io.everynode.api.podsecurity.LevelVersion;
import io.everynode.api.podsecurity.NamespacePolicy;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Admission;
import io.everynode.apiserver.registry.Meta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Namespace writes (upstream's {@code ValidateNamespace}): Pod Security labels must be valid on
 * create and whenever their errors change (422 Invalid, naming each label); an exempt namespace
 * that sets a policy is warned it will be ignored; a stricter enforce level is tried on the pods
 * already in the namespace, and their violations come back as warnings.
 */
final class NamespaceLabels {
    private final PodSecurityExemptions exemptions;
    private final NamespacePolicy defaults;

    NamespaceLabels(PodSecurityExemptions exemptions, NamespacePolicy defaults) {
        this.exemptions = exemptions;
        this.defaults = defaults;
    }

    void admit(Admission.Request r) {
        Map<String, String> labels = Meta.labels(r.object());
        NamespacePolicy.Parsed now = NamespacePolicy.parse(labels, defaults);
        if (r.operation() == Admission.Operation.CREATE) {
            if (!now.errors().isEmpty()) throw invalid(r.name(), now.errors());
            warnIfExempt(r, now.policy(), labels);
            return;
        }
        NamespacePolicy.Parsed before = NamespacePolicy.parse(Meta.labels(r.old()), defaults);
        if (!now.errors().isEmpty()
                && (before.errors().isEmpty() || !now.errors().equals(before.errors()))) {
            throw invalid(r.name(), now.errors());
        }
        LevelVersion enforce = now.policy().enforce();
        LevelVersion was = before.policy().enforce();
        if (enforce.equals(was) || enforce.level() == Level.PRIVILEGED) return;
        // Relaxed at the same version: nothing that passed before can fail now.
        if (enforce.version().equals(was.version()) && enforce.level().compareTo(was.level()) < 1) return;
        if (exemptions.namespace(r.name())) {
            warnIfExempt(r, now.policy(), labels);
            return;
        }
        ExistingPods.warnings(r.lookup(), r.name(), enforce, exemptions).forEach(r.caller()::warn);
    }

    private void warnIfExempt(Admission.Request r, NamespacePolicy policy, Map<String, String> labels) {
        if (!exemptions.namespace(r.name()) || policy.fullyPrivileged() || equivalent(policy, defaults)) return;
        List<String> set = new ArrayList<>();
        mode(set, "enforce", policy.enforce(), labels, NamespacePolicy.ENFORCE);
        mode(set, "audit", policy.audit(), labels, NamespacePolicy.AUDIT);
        mode(set, "warn", policy.warn(), labels, NamespacePolicy.WARN);
        r.caller()
                .warn("namespace \"" + r.name() + "\" is exempt from Pod Security, and the policy ("
                        + String.join(", ", set) + ") will be ignored");
    }

    private static void mode(List<String> out, String mode, LevelVersion lv, Map<String, String> labels, String key) {
        if (lv.level() != Level.PRIVILEGED && (labels.containsKey(key) || labels.containsKey(key + "-version"))) {
            out.add(mode + "=" + lv);
        }
    }

    /** Same levels and versions, where a privileged level's version does not matter. */
    private static boolean equivalent(NamespacePolicy a, NamespacePolicy b) {
        return same(a.enforce(), b.enforce()) && same(a.audit(), b.audit()) && same(a.warn(), b.warn());
    }

    private static boolean same(LevelVersion a, LevelVersion b) {
        return a.level() == b.level()
                && (a.level() == Level.PRIVILEGED || a.version().equals(b.version()));
    }

    private static RuntimeException invalid(String name, List<FieldError> errors) {
        return Statuses.invalid(
                "",
                "Namespace",
                name,
                errors.stream()
                        .map(e -> new Statuses.Cause(e.field(), e.type().reason, e.causeMessage()))
                        .toList());
    }
}

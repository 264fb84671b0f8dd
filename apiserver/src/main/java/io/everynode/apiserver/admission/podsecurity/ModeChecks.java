package io.everynode.apiserver.admission.podsecurity;

import io.everynode.api.podsecurity.Evaluation;
import io.everynode.api.podsecurity.LevelVersion;
import io.everynode.api.podsecurity.NamespacePolicy;
import io.everynode.api.podsecurity.PodSecurityStandards;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Admission;
import io.everynode.apiserver.registry.Caller;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One pod (or template) through the three modes, as upstream's {@code EvaluatePod}: enforce (pods
 * only) refuses with 403 {@code <resource> "<name>" is forbidden: violates PodSecurity
 * "<level>:<version>": <details>}; audit records {@code would violate PodSecurity …} as an audit
 * annotation, refused or not; warn adds the same words as a warning unless the write is refused.
 * A level and version checked once is not checked again for another mode.
 */
final class ModeChecks {
    private ModeChecks() {}

    static void run(
            NamespacePolicy.Parsed parsed,
            PodTemplates.PodShape pod,
            Admission.Request r,
            boolean enforce,
            PodSecurityExemptions exemptions) {
        Caller caller = r.caller();
        if (exemptions.runtimeClass(pod.spec().getRuntimeClassName())) {
            caller.annotate(AuditKeys.EXEMPT, "runtimeClass");
            return;
        }
        if (!parsed.errors().isEmpty()) {
            caller.annotate(AuditKeys.ERROR, "Failed to parse policy: " + aggregate(parsed.errors()));
        }
        NamespacePolicy policy = parsed.policy();
        Map<LevelVersion, Evaluation> done = new HashMap<>();
        Evaluation refused = null;
        if (enforce) {
            caller.annotate(AuditKeys.ENFORCE_POLICY, policy.enforce().toString());
            Evaluation e = evaluate(done, policy.enforce(), pod);
            if (!e.allowed()) refused = e;
        }
        Evaluation audit = evaluate(done, policy.audit(), pod);
        if (!audit.allowed()) caller.annotate(AuditKeys.AUDIT_VIOLATIONS, wouldViolate(policy.audit(), audit));
        if (refused != null) {
            throw Statuses.forbidden(
                    r.type().group(),
                    r.type().resource(),
                    r.name(),
                    "violates PodSecurity " + quote(policy.enforce()) + ": " + refused.forbiddenDetail());
        }
        Evaluation warn = evaluate(done, policy.warn(), pod);
        if (!warn.allowed()) caller.warn(wouldViolate(policy.warn(), warn));
    }

    /** Upstream's aggregate error text: one error alone, several in brackets. */
    static String aggregate(List<FieldError> errors) {
        String all = errors.stream().map(FieldError::message).collect(Collectors.joining(", "));
        return errors.size() == 1 ? all : "[" + all + "]";
    }

    static String wouldViolate(LevelVersion level, Evaluation e) {
        return "would violate PodSecurity " + quote(level) + ": " + e.forbiddenDetail();
    }

    static String quote(LevelVersion level) {
        return "\"" + level + "\"";
    }

    private static Evaluation evaluate(
            Map<LevelVersion, Evaluation> done, LevelVersion level, PodTemplates.PodShape pod) {
        return done.computeIfAbsent(level, l -> PodSecurityStandards.evaluate(l, pod.meta(), pod.spec()));
    }
}

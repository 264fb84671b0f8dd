package io.everynode.apiserver.audit;

import io.everynode.apiserver.auth.RequestAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An audit.k8s.io/v1 Policy: the first rule that matches a request gives its level; a request
 * no rule matches is not logged. The stages omitted are the policy's and the rule's together.
 */
public record AuditPolicy(List<PolicyRule> rules, Set<AuditStage> omitStages) {
    /** What a policy says of one request. */
    public record Applied(AuditLevel level, Set<AuditStage> omitStages) {}

    public AuditPolicy {
        rules = List.copyOf(rules);
        omitStages = Set.copyOf(omitStages);
    }

    public Applied apply(RequestAttributes request) {
        for (PolicyRule r : rules) {
            if (r.matches(request)) {
                Set<AuditStage> omit = EnumSet.noneOf(AuditStage.class);
                omit.addAll(omitStages);
                omit.addAll(r.omitStages());
                return new Applied(r.level(), omit);
            }
        }
        return new Applied(AuditLevel.NONE, omitStages);
    }
}

package io.everynode.apiserver.auth.rbac;

import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.RequestAttributes;

/**
 * Upstream's RBAC authorization mode: a request is allowed when a rule the user holds in the
 * request's namespace (for cluster-scoped and non-resource requests: a ClusterRoleBinding's
 * rule) allows it. RBAC never denies: a request no rule allows gets no opinion, so the next mode
 * is asked and, when none allows it, AccessControl answers 403.
 */
public final class RbacAuthorizer implements Authorizer {
    private final RuleResolver rules;

    public RbacAuthorizer(RuleResolver rules) {
        this.rules = rules;
    }

    @Override
    public Decision authorize(RequestAttributes attributes) {
        String namespace = attributes.resourceRequest() ? attributes.namespace() : "";
        String[] allowedBy = new String[1];
        rules.visit(attributes.user(), namespace, (source, rule) -> {
            if (!rule.allows(attributes)) return true;
            allowedBy[0] = source;
            return false;
        });
        return allowedBy[0] == null ? Decision.NO_OPINION : Decision.allow("RBAC: allowed by " + allowedBy[0]);
    }
}

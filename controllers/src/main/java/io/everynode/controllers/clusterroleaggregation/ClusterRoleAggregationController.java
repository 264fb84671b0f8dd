package io.everynode.controllers.clusterroleaggregation;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;
import java.util.Optional;

/**
 * The sync of one ClusterRole name: a role with an aggregationRule gets the rules
 * {@link AggregatedRules#of} computes from the cached ClusterRoles, written only when they
 * differ from the role's own. Any other role is left alone.
 *
 * <p>Threading: stateless; one worker calls {@link #sync}.
 */
public final class ClusterRoleAggregationController {
    private final Lister<ClusterRole> roles;
    private final AggregationActions actions;

    public ClusterRoleAggregationController(Lister<ClusterRole> roles, AggregationActions actions) {
        this.roles = roles;
        this.actions = actions;
    }

    public void sync(String name) {
        Optional<ClusterRole> role = roles.get(name);
        if (role.isEmpty() || !AggregatedRules.aggregated(role.get())) return;
        List<PolicyRule> want = AggregatedRules.of(role.get(), roles.list());
        if (!AggregatedRules.same(role.get().getRules(), want)) actions.setRules(name, want);
    }
}

package io.everynode.controllers.clusterroleaggregation;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/** What the aggregation controller writes. Implementations throw on failure; the sync is retried. */
public interface AggregationActions {
    /** Replaces the ClusterRole's rules with {@code rules}; a role already gone is success. */
    void setRules(String clusterRole, List<PolicyRule> rules);
}

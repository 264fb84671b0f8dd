package io.everynode.controllers.clusterroleaggregation;

import io.everynode.api.selector.Selector;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rules an aggregated ClusterRole should have (upstream's clusterrole-aggregation
 * controller), as plain data: for each of its {@code aggregationRule.clusterRoleSelectors} in
 * order, the rules of the ClusterRoles that selector matches (by name, the role itself never),
 * each rule once, at its first place. An aggregationRule without selectors aggregates nothing:
 * the role's rules become empty, as upstream's. Stateless.
 *
 * <p>A selector that cannot be read (a bad operator) matches nothing: the API validates selectors
 * on write, so this only guards the loop against a role stored before that.
 */
public final class AggregatedRules {
    private AggregatedRules() {}

    public static boolean aggregated(ClusterRole role) {
        return role.getAggregationRule() != null;
    }

    public static List<PolicyRule> of(ClusterRole role, List<ClusterRole> all) {
        List<ClusterRole> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing(r -> r.getMetadata().getName()));
        List<PolicyRule> rules = new ArrayList<>();
        List<LabelSelector> selectors = role.getAggregationRule().getClusterRoleSelectors();
        for (LabelSelector ls : selectors == null ? List.<LabelSelector>of() : selectors) {
            Selector selector;
            try {
                selector = Selector.from(ls);
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (ClusterRole other : sorted) {
                if (other.getMetadata().getName().equals(role.getMetadata().getName())) continue;
                Map<String, String> labels = other.getMetadata().getLabels();
                if (!selector.matches(labels == null ? Map.of() : labels)) continue;
                if (other.getRules() == null) continue;
                for (PolicyRule r : other.getRules()) {
                    if (!contains(rules, r)) rules.add(r);
                }
            }
        }
        return rules;
    }

    /** Whether two rule lists say the same, compared field by field with absent lists as empty. */
    public static boolean same(List<PolicyRule> a, List<PolicyRule> b) {
        List<PolicyRule> x = a == null ? List.of() : a;
        List<PolicyRule> y = b == null ? List.of() : b;
        if (x.size() != y.size()) return false;
        for (int i = 0; i < x.size(); i++) if (!equal(x.get(i), y.get(i))) return false;
        return true;
    }

    private static boolean contains(List<PolicyRule> rules, PolicyRule r) {
        for (PolicyRule have : rules) if (equal(have, r)) return true;
        return false;
    }

    private static boolean equal(PolicyRule a, PolicyRule b) {
        return list(a.getApiGroups()).equals(list(b.getApiGroups()))
                && list(a.getResources()).equals(list(b.getResources()))
                && list(a.getResourceNames()).equals(list(b.getResourceNames()))
                && list(a.getVerbs()).equals(list(b.getVerbs()))
                && list(a.getNonResourceURLs()).equals(list(b.getNonResourceURLs()));
    }

    private static List<String> list(List<String> l) {
        return l == null ? List.of() : l;
    }
}

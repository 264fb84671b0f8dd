package io.everynode.apiserver.auth.rbac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether one set of rules holds every permission another grants (upstream's
 * {@code validation.Covers}): each requested rule is broken into single permissions (one verb on
 * one group, resource and name, or on one URL) and each must be granted by some owner rule. A
 * wildcard is covered only by a wildcard: holding {@code get pods} does not let one grant
 * {@code get *}.
 */
public final class Coverage {
    private Coverage() {}

    /** The requested permissions {@code owner} does not hold, compacted back into rules (empty: covered). */
    public static List<PolicyRule> missing(List<PolicyRule> owner, List<PolicyRule> requested) {
        Map<String, PolicyRule> missing = new LinkedHashMap<>();
        for (PolicyRule r : requested) {
            for (String url : r.nonResourceURLs()) {
                for (String verb : r.verbs()) {
                    if (owner.stream().noneMatch(o -> o.matchesVerbExactly(verb) && coversUrl(o, url)))
                        add(missing, "url\0" + url, PolicyRule.urls(List.of(verb), List.of(url)));
                }
            }
            for (String group : r.apiGroups()) {
                for (String resource : r.resources()) {
                    List<String> names = r.resourceNames().isEmpty() ? List.of("") : r.resourceNames();
                    for (String name : names) {
                        for (String verb : r.verbs()) {
                            if (owner.stream().noneMatch(o -> covers(o, verb, group, resource, name))) {
                                PolicyRule one = PolicyRule.resources(List.of(verb), List.of(group), List.of(resource))
                                        .withNames(name.isEmpty() ? List.of() : List.of(name));
                                add(missing, group + '\0' + resource + '\0' + name, one);
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(missing.values());
    }

    private static boolean covers(PolicyRule o, String verb, String group, String resource, String name) {
        if (!o.matchesVerbExactly(verb)) return false;
        if (!o.apiGroups().contains(PolicyRule.ALL) && !o.apiGroups().contains(group)) return false;
        if (!coversResource(o, resource)) return false;
        return o.resourceNames().isEmpty()
                || (!name.isEmpty() && o.resourceNames().contains(name));
    }

    private static boolean coversResource(PolicyRule o, String resource) {
        for (String r : o.resources()) {
            if (r.equals(PolicyRule.ALL) || r.equals(resource)) return true;
            int slash = resource.indexOf('/');
            if (r.startsWith("*/") && slash > 0 && resource.substring(slash + 1).equals(r.substring(2))) return true;
        }
        return false;
    }

    private static boolean coversUrl(PolicyRule o, String url) {
        for (String u : o.nonResourceURLs()) {
            if (u.equals(PolicyRule.ALL) || u.equals(url)) return true;
            if (u.endsWith("*") && url.startsWith(u.substring(0, u.length() - 1))) return true;
        }
        return false;
    }

    /** Adds a verb to the rule already missing for the same target, or the rule itself. */
    private static void add(Map<String, PolicyRule> missing, String target, PolicyRule one) {
        missing.merge(target, one, (a, b) -> {
            List<String> verbs = new ArrayList<>(a.verbs());
            for (String v : b.verbs()) if (!verbs.contains(v)) verbs.add(v);
            return new PolicyRule(verbs, a.apiGroups(), a.resources(), a.resourceNames(), a.nonResourceURLs());
        });
    }
}

package io.everynode.apiserver.audit;

import io.everynode.apiserver.auth.RequestAttributes;
import java.util.List;
import java.util.Set;

/**
 * One rule of an audit Policy: the level of the requests it matches. Every list that is set
 * must match (users: the user's name; userGroups: any of its groups; verbs); a rule with
 * resources or namespaces matches resource requests only, one with nonResourceURLs other
 * requests only. Upstream's semantics, including {@code *}, {@code resource/*},
 * {@code *}{@code /subresource} and a trailing {@code *} in a non-resource URL.
 */
public record PolicyRule(
        AuditLevel level,
        List<String> users,
        List<String> userGroups,
        List<String> verbs,
        List<GroupResources> resources,
        List<String> namespaces,
        List<String> nonResourceURLs,
        Set<AuditStage> omitStages) {

    /** Resources of one API group ("" is the core group); empty resources: all of the group. */
    public record GroupResources(String group, List<String> resources, List<String> resourceNames) {
        public GroupResources {
            resources = List.copyOf(resources);
            resourceNames = List.copyOf(resourceNames);
        }

        boolean matches(String resource, String subresource, String name) {
            if (!resourceNames.isEmpty() && !resourceNames.contains(name)) return false;
            if (resources.isEmpty()) return true;
            String combined = subresource.isEmpty() ? resource : resource + "/" + subresource;
            for (String r : resources) {
                if (r.equals("*") || r.equals(combined)) return true;
                if (!subresource.isEmpty()
                        && r.startsWith("*/")
                        && r.substring(2).equals(subresource)) return true;
                if (r.endsWith("/*") && r.substring(0, r.length() - 2).equals(resource)) return true;
            }
            return false;
        }
    }

    public PolicyRule {
        users = List.copyOf(users);
        userGroups = List.copyOf(userGroups);
        verbs = List.copyOf(verbs);
        resources = List.copyOf(resources);
        namespaces = List.copyOf(namespaces);
        nonResourceURLs = List.copyOf(nonResourceURLs);
        omitStages = Set.copyOf(omitStages);
    }

    public boolean matches(RequestAttributes a) {
        if (!users.isEmpty() && !users.contains(a.user().name())) return false;
        if (!userGroups.isEmpty() && a.user().groups().stream().noneMatch(userGroups::contains)) return false;
        if (!verbs.isEmpty() && !verbs.contains(a.verb())) return false;
        if (!resources.isEmpty() || !namespaces.isEmpty()) return matchesResource(a);
        if (!nonResourceURLs.isEmpty()) return matchesNonResource(a);
        return true;
    }

    private boolean matchesResource(RequestAttributes a) {
        if (!a.resourceRequest()) return false;
        if (!namespaces.isEmpty() && !namespaces.contains(a.namespace())) return false;
        if (resources.isEmpty()) return true;
        for (GroupResources gr : resources) {
            if (gr.group().equals(a.apiGroup()) && gr.matches(a.resource(), a.subresource(), a.name())) return true;
        }
        return false;
    }

    private boolean matchesNonResource(RequestAttributes a) {
        if (a.resourceRequest()) return false;
        for (String spec : nonResourceURLs) {
            if (spec.equals("*") || spec.equals(a.path())) return true;
            if (spec.endsWith("*") && a.path().startsWith(spec.substring(0, spec.length() - 1))) return true;
        }
        return false;
    }
}

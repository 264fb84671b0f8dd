package io.everynode.apiserver.auth.rbac;

import java.util.List;

/** Shorthands for writing the default policy's rules as upstream's policy tables do. */
final class Rules {
    static final String CORE = "";
    static final String APPS = "apps";
    static final String RBAC = "rbac.authorization.k8s.io";
    static final String READ = "get,list,watch";
    static final String WRITE = "create,delete,deletecollection,patch,update";

    private Rules() {}

    /** Upstream's events rule: create, update and patch Events of both event APIs. */
    static PolicyRule events() {
        return PolicyRule.resources(
                List.of("create", "update", "patch"), List.of(CORE, "events.k8s.io"), List.of("events"));
    }

    /** A rule from comma-separated verbs, groups ("" the core group) and resources. */
    static PolicyRule rule(String verbs, String groups, String resources) {
        return PolicyRule.resources(split(verbs), groups.isEmpty() ? List.of("") : split(groups), split(resources));
    }

    /** A rule limited to the objects named (comma-separated resourceNames). */
    static PolicyRule named(String verbs, String groups, String resources, String names) {
        PolicyRule r = rule(verbs, groups, resources);
        return new PolicyRule(r.verbs(), r.apiGroups(), r.resources(), split(names), List.of());
    }

    static PolicyRule urls(String verb, String... urls) {
        return PolicyRule.urls(List.of(verb), List.of(urls));
    }

    private static List<String> split(String csv) {
        return List.of(csv.split(","));
    }
}

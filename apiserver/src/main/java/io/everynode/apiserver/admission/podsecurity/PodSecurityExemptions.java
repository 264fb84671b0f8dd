package io.everynode.apiserver.admission.podsecurity;

import java.util.Set;

/**
 * Who and what Pod Security never checks (upstream's {@code PodSecurityConfiguration.exemptions}):
 * requests by these user names, pods of these runtime classes, anything in these namespaces.
 */
public record PodSecurityExemptions(Set<String> usernames, Set<String> runtimeClasses, Set<String> namespaces) {
    /** Upstream's default: nothing is exempt. */
    public static final PodSecurityExemptions NONE = new PodSecurityExemptions(Set.of(), Set.of(), Set.of());

    public PodSecurityExemptions {
        usernames = Set.copyOf(usernames);
        runtimeClasses = Set.copyOf(runtimeClasses);
        namespaces = Set.copyOf(namespaces);
    }

    boolean namespace(String name) {
        return name != null && !name.isEmpty() && namespaces.contains(name);
    }

    boolean user(String name) {
        return name != null && !name.isEmpty() && usernames.contains(name);
    }

    boolean runtimeClass(String name) {
        return name != null && !name.isEmpty() && runtimeClasses.contains(name);
    }
}

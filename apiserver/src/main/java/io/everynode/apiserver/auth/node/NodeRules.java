package io.everynode.apiserver.auth.node;

import io.everynode.apiserver.auth.RequestAttributes;
import java.util.List;
import java.util.Set;

/**
 * What every node may do whatever its pods (upstream's bootstrap policy {@code NodeRules}, which
 * the Node authorizer grants since the {@code system:node} ClusterRoleBinding was removed):
 * register and update Nodes (NodeRestriction keeps each to its own), read pods, services,
 * endpoints and nodes, create and delete pods (mirror pods, by NodeRestriction) and write their
 * status and evictions, record events, request its certificate, and ask the API to review tokens
 * and access for its own endpoints. Objects tied to pods (secrets, configmaps, claims, volumes,
 * tokens, leases) are decided by the graph, not here.
 */
final class NodeRules {
    private record Rule(Set<String> verbs, String group, Set<String> resources) {
        boolean allows(RequestAttributes a) {
            return verbs.contains(a.verb())
                    && group.equals(a.apiGroup())
                    && resources.contains(a.resourceWithSubresource());
        }
    }

    private static final Set<String> READ = Set.of("get", "list", "watch");

    private static final List<Rule> RULES = List.of(
            new Rule(Set.of("create", "get", "list", "watch", "update", "patch"), "", Set.of("nodes")),
            new Rule(Set.of("update", "patch"), "", Set.of("nodes/status")),
            new Rule(Set.of("create", "update", "patch"), "", Set.of("events")),
            new Rule(Set.of("create", "update", "patch"), "events.k8s.io", Set.of("events")),
            new Rule(READ, "", Set.of("pods", "services", "endpoints")),
            new Rule(Set.of("create", "delete"), "", Set.of("pods")),
            new Rule(Set.of("update", "patch"), "", Set.of("pods/status")),
            new Rule(Set.of("create"), "", Set.of("pods/eviction")),
            new Rule(READ, "discovery.k8s.io", Set.of("endpointslices")),
            new Rule(
                    Set.of("create", "get", "list", "watch"),
                    "certificates.k8s.io",
                    Set.of("certificatesigningrequests")),
            new Rule(Set.of("create"), "authentication.k8s.io", Set.of("tokenreviews")),
            new Rule(
                    Set.of("create"),
                    "authorization.k8s.io",
                    Set.of("subjectaccessreviews", "localsubjectaccessreviews")),
            new Rule(READ, "storage.k8s.io", Set.of("csidrivers", "csinodes", "storageclasses")),
            new Rule(READ, "node.k8s.io", Set.of("runtimeclasses")),
            // Everynode's own: a node sends its usage reading for metrics.k8s.io (the API keeps
            // each node to its own name, as NodeRestriction does with Nodes).
            new Rule(Set.of("create"), "metrics.k8s.io", Set.of("nodes/usage")));

    private NodeRules() {}

    static boolean allow(RequestAttributes a) {
        if (!a.resourceRequest()) return false;
        for (Rule r : RULES) if (r.allows(a)) return true;
        return false;
    }
}

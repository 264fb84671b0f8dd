package io.everynode.apiserver.auth.rbac;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the stored policy hold {@link BootstrapPolicy} on every start, as upstream's API server
 * does with its bootstrap roles: a missing default ClusterRole or ClusterRoleBinding is created;
 * one that still carries {@code rbac.authorization.kubernetes.io/autoupdate: "true"} gets back
 * the default rules (or subjects) it lost, keeping any an administrator added. Setting the
 * annotation to {@code "false"} leaves an object as its owner made it. Rules of aggregated roles
 * (admin, edit, view) are the clusterrole-aggregation controller's, so only their aggregation
 * rule is restored.
 */
public final class PolicyReconciler {
    private PolicyReconciler() {}

    public static void reconcile(Registry registry) {
        for (BootstrapPolicy.Role role : BootstrapPolicy.roles()) role(registry, BootstrapPolicy.toObject(role));
        for (BootstrapPolicy.Binding b : BootstrapPolicy.bindings()) binding(registry, BootstrapPolicy.toObject(b));
    }

    private static void role(Registry registry, ObjectNode wanted) {
        String name = wanted.path("metadata").path("name").asString();
        ObjectNode current = existing(registry, ResourceTypes.CLUSTER_ROLES, name);
        if (current == null) {
            create(registry, ResourceTypes.CLUSTER_ROLES, wanted);
            return;
        }
        if (!autoupdate(current)) return;
        boolean aggregated = wanted.has("aggregationRule");
        List<PolicyRule> have = PolicyRule.of(current);
        List<JsonNode> missing = new ArrayList<>();
        if (!aggregated) {
            for (JsonNode r : wanted.path("rules")) if (!have.contains(PolicyRule.from(r))) missing.add(r);
        }
        boolean ruleLost = aggregated && !Json.same(current.path("aggregationRule"), wanted.path("aggregationRule"));
        if (missing.isEmpty() && !ruleLost) return;
        registry.patch(
                ResourceTypes.CLUSTER_ROLES,
                null,
                name,
                o -> {
                    ArrayNode rules = o.has("rules") ? (ArrayNode) o.get("rules") : o.putArray("rules");
                    for (JsonNode r : missing) rules.add(r.deepCopy());
                    if (aggregated)
                        o.set("aggregationRule", wanted.get("aggregationRule").deepCopy());
                    return o;
                },
                Registry.Part.MAIN,
                false);
    }

    private static void binding(Registry registry, ObjectNode wanted) {
        String name = wanted.path("metadata").path("name").asString();
        ObjectNode current = existing(registry, ResourceTypes.CLUSTER_ROLE_BINDINGS, name);
        if (current == null) {
            create(registry, ResourceTypes.CLUSTER_ROLE_BINDINGS, wanted);
            return;
        }
        if (!autoupdate(current)) return;
        List<JsonNode> missing = new ArrayList<>();
        for (JsonNode s : wanted.path("subjects")) {
            boolean found = false;
            for (JsonNode h : current.path("subjects")) found |= sameSubject(s, h);
            if (!found) missing.add(s);
        }
        if (missing.isEmpty()) return;
        registry.patch(
                ResourceTypes.CLUSTER_ROLE_BINDINGS,
                null,
                name,
                o -> {
                    ArrayNode subjects = o.has("subjects") ? (ArrayNode) o.get("subjects") : o.putArray("subjects");
                    for (JsonNode s : missing) subjects.add(s.deepCopy());
                    return o;
                },
                Registry.Part.MAIN,
                false);
    }

    private static boolean sameSubject(JsonNode a, JsonNode b) {
        return a.path("kind").asString("").equals(b.path("kind").asString(""))
                && a.path("name").asString("").equals(b.path("name").asString(""))
                && a.path("namespace").asString("").equals(b.path("namespace").asString(""));
    }

    private static boolean autoupdate(JsonNode o) {
        return "true"
                .equals(o.path("metadata")
                        .path("annotations")
                        .path(BootstrapPolicy.AUTOUPDATE)
                        .asString(""));
    }

    private static ObjectNode existing(Registry registry, io.everynode.api.resource.ResourceType type, String name) {
        try {
            return registry.get(type, null, name);
        } catch (ApiException e) {
            if (e.code() == 404) return null;
            throw e;
        }
    }

    private static void create(Registry registry, io.everynode.api.resource.ResourceType type, ObjectNode o) {
        try {
            registry.create(type, null, o, false);
        } catch (ApiException e) {
            if (e.code() != 409) throw e;
        }
    }
}

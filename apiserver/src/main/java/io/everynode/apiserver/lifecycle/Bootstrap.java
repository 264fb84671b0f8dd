package io.everynode.apiserver.lifecycle;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.registry.Registry;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every cluster has from its first start: the namespaces {@code default},
 * {@code kube-system}, {@code kube-public} and {@code kube-node-lease}, and the built-in
 * priority classes of R8.1. Safe to run on every start.
 */
public final class Bootstrap {
    private Bootstrap() {}

    public static void ensure(Registry registry) {
        for (String ns : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            ObjectNode o = Json.object();
            o.putObject("metadata").put("name", ns);
            createIfMissing(registry, ResourceTypes.NAMESPACES, o);
        }
        priorityClass(
                registry,
                "system-node-critical",
                2000001000L,
                "Used for system critical pods that must not be moved from their current node.");
        priorityClass(
                registry,
                "system-cluster-critical",
                2000000000L,
                "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.");
    }

    private static void priorityClass(Registry registry, String name, long value, String description) {
        ObjectNode o = Json.object();
        o.putObject("metadata").put("name", name);
        o.put("value", value);
        o.put("globalDefault", false);
        o.put("description", description);
        o.put("preemptionPolicy", "PreemptLowerPriority");
        createIfMissing(registry, ResourceTypes.PRIORITY_CLASSES, o);
    }

    private static void createIfMissing(Registry registry, ResourceType type, ObjectNode o) {
        try {
            registry.create(type, null, o, false);
        } catch (ApiException e) {
            if (e.code() != 409) throw e;
        }
    }
}

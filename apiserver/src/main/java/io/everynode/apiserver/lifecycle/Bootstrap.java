package io.everynode.apiserver.lifecycle;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.Registry;
import io.everynode.apiserver.strategy.DefaultServiceAccount;
import io.everynode.apiserver.strategy.ServiceNetwork;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every cluster has from its first start: the namespaces {@code default},
 * {@code kube-system}, {@code kube-public} and {@code kube-node-lease}, a {@code default}
 * ServiceAccount in every namespace, the {@code default/kubernetes} Service, and the built-in
 * priority classes of R8.1. Safe to run on every start.
 */
public final class Bootstrap {
    private Bootstrap() {}

    public static void ensure(Registry registry, ServiceNetwork services) {
        for (String ns : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            ObjectNode o = Json.object();
            o.putObject("metadata").put("name", ns);
            createIfMissing(registry, ResourceTypes.NAMESPACES, o);
        }
        // Namespaces stored before the server made default accounts itself get theirs now.
        for (ObjectNode ns :
                registry.list(ResourceTypes.NAMESPACES, null, o -> true).items()) {
            if (!Meta.deleting(ns)) DefaultServiceAccount.ensure(registry, Meta.name(ns));
        }
        kubernetesService(registry, services);
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

    /**
     * {@code default/kubernetes}, the API server's own Service, on the first address of the
     * service range, as upstream's bootstrap controller keeps it (port 443 named https to the
     * secure port; its Endpoints are the endpoints controller's).
     */
    private static void kubernetesService(Registry registry, ServiceNetwork services) {
        ObjectNode o = Json.object();
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", "kubernetes");
        meta.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = o.putObject("spec");
        spec.put("type", "ClusterIP");
        spec.put("clusterIP", services.kubernetesServiceIp());
        spec.put("sessionAffinity", "None");
        spec.putArray("ports")
                .addObject()
                .put("name", "https")
                .put("port", 443)
                .put("protocol", "TCP")
                .put("targetPort", 6443);
        try {
            registry.create(ResourceTypes.SERVICES, "default", o, false);
        } catch (ApiException e) {
            // 409: there already; 422: its address was taken after someone deleted it.
            if (e.code() != 409 && e.code() != 422) throw e;
        }
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

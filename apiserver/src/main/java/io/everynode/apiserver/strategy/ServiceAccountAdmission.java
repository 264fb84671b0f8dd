package io.everynode.apiserver.strategy;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.WriteContext;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upstream's ServiceAccount admission on pod create: a pod names {@code default} unless it names
 * another account (the deprecated {@code serviceAccount} is read when the name is missing, and
 * always mirrors it afterwards); the account must exist in the pod's namespace, else the pod is
 * Forbidden. Mirror pods (static pods a node reports) are left alone. The server makes every
 * namespace's {@code default} account when the namespace is made ({@link DefaultServiceAccount}).
 * Token volumes are not mounted: no tokens are issued here.
 */
final class ServiceAccountAdmission {
    static final String MIRROR = "kubernetes.io/config.mirror";

    private ServiceAccountAdmission() {}

    static void admit(ObjectNode pod, WriteContext ctx) {
        if (Meta.of(pod).path("annotations").has(MIRROR)) return;
        ObjectNode spec = Json.child(pod, "spec");
        String name = Json.text(spec, "serviceAccountName");
        if (name == null || name.isEmpty()) name = Json.text(spec, "serviceAccount");
        if (name == null || name.isEmpty()) name = DefaultServiceAccount.NAME;
        spec.put("serviceAccountName", name);
        spec.put("serviceAccount", name);
        String ns = Meta.namespace(pod);
        if (ctx.lookup().get(ResourceTypes.SERVICE_ACCOUNTS, ns, name) == null) {
            throw Statuses.forbidden(
                    "",
                    "pods",
                    Meta.name(pod),
                    "error looking up service account " + ns + "/" + name + ": serviceaccount \"" + name
                            + "\" not found");
        }
    }
}

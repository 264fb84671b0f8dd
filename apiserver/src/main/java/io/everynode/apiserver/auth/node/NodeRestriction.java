package io.everynode.apiserver.auth.node;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Admission;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upstream's NodeRestriction admission plugin: what the Node authorizer lets every node do is
 * limited here to the node's own objects. Writes by users that are no node pass untouched.
 *
 * <ul>
 *   <li>Nodes (and their status): only its own; it may not change its taints, nor set labels
 *       outside the kubelet's set ({@link NodeLabels}).</li>
 *   <li>Pods: create only mirror pods bound to itself and owned by its Node, naming no other
 *       object; delete, update status (not labels) and evict only pods bound to itself.</li>
 *   <li>Leases: only in {@code kube-node-lease}, created with its own name.</li>
 *   <li>ServiceAccount tokens: only bound to a pod bound to itself, by that pod's uid.</li>
 * </ul>
 *
 * <p>Refusals are 403 Forbidden with upstream's messages.
 */
public final class NodeRestriction implements Admission {
    /** The annotation of a mirror pod (a static pod's API object). */
    static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    @Override
    public void admit(Request r) {
        String node = r.caller().user().nodeName();
        if (node == null) return;
        ResourceType t = r.type();
        if (same(t, ResourceTypes.PODS)) {
            if ("status".equals(r.subresource())) podStatus(node, r);
            else if ("eviction".equals(r.subresource())) eviction(node, r);
            else pod(node, r);
        } else if (same(t, ResourceTypes.NODES)) {
            node(node, r);
        } else if (same(t, ResourceTypes.LEASES)) {
            lease(node, r);
        } else if (same(t, ResourceTypes.SERVICE_ACCOUNTS) && "token".equals(r.subresource())) {
            token(node, r);
        }
    }

    private static void pod(String node, Request r) {
        switch (r.operation()) {
            case CREATE -> mirrorPod(node, r);
            case DELETE -> {
                if (!node.equals(nodeName(r.old())))
                    throw forbidden(r, "node \"" + node + "\" can only delete pods with spec.nodeName set to itself");
            }
            default ->
                throw forbidden(
                        r,
                        "unexpected operation \"" + r.operation() + "\", node \"" + node
                                + "\" can only create and delete mirror pods");
        }
    }

    private static void mirrorPod(String node, Request r) {
        ObjectNode pod = r.object();
        if (!pod.path("metadata").path("annotations").has(MIRROR_ANNOTATION))
            throw forbidden(
                    r,
                    "pod does not have \"" + MIRROR_ANNOTATION + "\" annotation, node \"" + node
                            + "\" can only create mirror pods");
        if (!node.equals(nodeName(pod)))
            throw forbidden(r, "node \"" + node + "\" can only create pods with spec.nodeName set to itself");
        JsonNode owners = pod.path("metadata").path("ownerReferences");
        if (owners.size() > 1)
            throw forbidden(
                    r, "node \"" + node + "\" can only create pods with a single owner reference set to itself");
        JsonNode owner = owners.path(0);
        ObjectNode self = r.lookup().get(ResourceTypes.NODES, null, node);
        if (owners.isEmpty()
                || !"v1".equals(Json.text(owner, "apiVersion"))
                || !"Node".equals(Json.text(owner, "kind"))
                || !node.equals(Json.text(owner, "name"))
                || self == null
                || !Objects.equals(Json.text(owner, "uid"), Json.text(self.path("metadata"), "uid")))
            throw forbidden(r, "node \"" + node + "\" can only create pods with an owner reference set to itself");
        for (PodReferences.Ref ref : PodReferences.of(pod)) {
            String what = switch (ref.kind()) {
                case SERVICE_ACCOUNT -> "a service account";
                case SECRET -> "secrets";
                case CONFIG_MAP -> "configmaps";
                case CLAIM -> "persistentvolumeclaims";
            };
            throw forbidden(r, "node \"" + node + "\" can not create pods that reference " + what);
        }
    }

    private static void podStatus(String node, Request r) {
        if (r.operation() != Operation.UPDATE) throw forbidden(r, "unexpected operation " + r.operation());
        if (!node.equals(nodeName(r.old())))
            throw forbidden(
                    r, "node \"" + node + "\" can only update pod status for pods with spec.nodeName set to itself");
        if (!Json.same(
                r.object().path("metadata").path("labels"),
                r.old().path("metadata").path("labels")))
            throw forbidden(r, "node \"" + node + "\" cannot update labels through pod status");
    }

    private static void eviction(String node, Request r) {
        if (r.operation() != Operation.CREATE) throw forbidden(r, "unexpected operation " + r.operation());
        if (!node.equals(nodeName(r.old())))
            throw forbidden(r, "node " + node + " can only evict pods with spec.nodeName set to itself");
    }

    private static void node(String node, Request r) {
        if (!node.equals(r.name()))
            throw forbidden(r, "node \"" + node + "\" is not allowed to modify node \"" + r.name() + "\"");
        if (r.operation() == Operation.CREATE) {
            TreeSet<String> bad = NodeLabels.forbidden(NodeLabels.modified(labels(r.object()), Map.of()));
            if (!bad.isEmpty())
                throw forbidden(
                        r,
                        "node \"" + node + "\" is not allowed to set the following labels: " + String.join(", ", bad));
        } else if (r.operation() == Operation.UPDATE) {
            if (!Json.same(
                    r.object().path("spec").path("taints"), r.old().path("spec").path("taints")))
                throw forbidden(r, "node \"" + node + "\" is not allowed to modify taints");
            TreeSet<String> bad = NodeLabels.forbidden(NodeLabels.modified(labels(r.object()), labels(r.old())));
            if (!bad.isEmpty()) throw forbidden(r, "is not allowed to modify labels: " + String.join(", ", bad));
        }
    }

    private static void lease(String node, Request r) {
        if (!NodeAuthorizer.NODE_LEASE_NAMESPACE.equals(r.namespace()))
            throw forbidden(
                    r,
                    "can only access leases in the \"" + NodeAuthorizer.NODE_LEASE_NAMESPACE + "\" system namespace");
        if (r.operation() == Operation.CREATE && !node.equals(r.name()))
            throw forbidden(r, "can only access node lease with the same name as the requesting node");
    }

    /** The TokenRequest (the request's object) must be bound to a pod of this node, by its uid. */
    private static void token(String node, Request r) {
        if (r.operation() != Operation.CREATE) return;
        JsonNode ref = r.object().path("spec").path("boundObjectRef");
        String podName = Json.text(ref, "name");
        if (!"v1".equals(Json.text(ref, "apiVersion"))
                || !"Pod".equals(Json.text(ref, "kind"))
                || podName == null
                || podName.isEmpty()) throw forbidden(r, "node requested token not bound to a pod");
        String uid = Json.text(ref, "uid");
        if (uid == null || uid.isEmpty()) throw forbidden(r, "node requested token with a pod binding without a uid");
        ObjectNode pod = r.lookup().get(ResourceTypes.PODS, r.namespace(), podName);
        if (pod == null) throw Statuses.notFound("", "pods", podName);
        if (!uid.equals(Json.text(pod.path("metadata"), "uid")))
            throw forbidden(
                    r,
                    "the UID in the bound object reference (" + uid
                            + ") does not match the UID in record. The object might have been deleted and then recreated");
        if (!node.equals(nodeName(pod)))
            throw forbidden(r, "node requested token bound to a pod scheduled on a different node");
    }

    private static Map<String, String> labels(JsonNode obj) {
        Map<String, String> out = new java.util.HashMap<>();
        obj.path("metadata")
                .path("labels")
                .properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().asString("")));
        return out;
    }

    private static String nodeName(JsonNode pod) {
        return pod == null ? null : Json.text(pod.path("spec"), "nodeName");
    }

    private static boolean same(ResourceType a, ResourceType b) {
        return a != null && a.keyPrefix().equals(b.keyPrefix());
    }

    /** Upstream's admission refusal: {@code RESOURCE "NAME" is forbidden: WHY}, for the resource (not subresource). */
    private static ApiException forbidden(Request r, String why) {
        return Statuses.forbidden(r.type().group(), r.type().resource(), r.name(), why);
    }
}

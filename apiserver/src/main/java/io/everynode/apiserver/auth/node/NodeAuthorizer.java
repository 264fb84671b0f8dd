package io.everynode.apiserver.auth.node;

import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.auth.node.PodReferences.Ref;

/**
 * Upstream's Node authorization mode: what a node agent ({@code system:node:NAME} in
 * {@code system:nodes}) may do. Users that are no node get no opinion.
 *
 * <ul>
 *   <li>Secrets and ConfigMaps: get, or list/watch of one object by name (a
 *       {@code metadata.name} field selector), of those a pod bound to the node names.</li>
 *   <li>PersistentVolumeClaims and PersistentVolumes: get of those its pods use (a volume
 *       through its bound claim); claims' status update and patch.</li>
 *   <li>ServiceAccounts: create {@code serviceaccounts/token} for those of its pods
 *       (NodeRestriction then requires the token to be bound to such a pod).</li>
 *   <li>Leases: get, create, update, patch, delete in {@code kube-node-lease}, named as the node.</li>
 *   <li>Everything else: {@link NodeRules}.</li>
 * </ul>
 *
 * <p>A refusal is no opinion with upstream's reason ({@code no relationship found between node
 * 'a' and this object}), so a later mode (RBAC) may still grant it; the reason reaches the 403
 * message when none does.
 */
public final class NodeAuthorizer implements Authorizer {
    static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

    private final NodeGraph graph;

    NodeAuthorizer(NodeGraph graph) {
        this.graph = graph;
    }

    @Override
    public Decision authorize(RequestAttributes a) {
        UserInfo user = a.user();
        if (!user.inGroup(UserInfo.NODES) || !user.name().startsWith(UserInfo.NODE_PREFIX)) return Decision.NO_OPINION;
        String node = user.nodeName();
        if (node == null) return noOpinion("unknown node for user \"" + user.name() + "\"");
        if (a.resourceRequest() && a.apiGroup().isEmpty()) {
            switch (a.resource()) {
                case "secrets" -> {
                    return readNamespaced(node, PodReferences.Kind.SECRET, a);
                }
                case "configmaps" -> {
                    return readNamespaced(node, PodReferences.Kind.CONFIG_MAP, a);
                }
                case "persistentvolumeclaims" -> {
                    return "status".equals(a.subresource())
                            ? claimStatus(node, a)
                            : getOnly(node, PodReferences.Kind.CLAIM, a);
                }
                case "persistentvolumes" -> {
                    return volume(node, a);
                }
                case "serviceaccounts" -> {
                    return token(node, a);
                }
                default -> {
                    // the rules below
                }
            }
        }
        if (a.resourceRequest()
                && a.apiGroup().equals("coordination.k8s.io")
                && a.resource().equals("leases")) return lease(node, a);
        return NodeRules.allow(a) ? Decision.allow("") : Decision.NO_OPINION;
    }

    private Decision readNamespaced(String node, PodReferences.Kind kind, RequestAttributes a) {
        if (!a.verb().equals("get") && !a.verb().equals("list") && !a.verb().equals("watch"))
            return noOpinion("can only read resources of this type");
        if (!a.subresource().isEmpty()) return noOpinion("cannot read subresource");
        if (a.namespace().isEmpty()) return noOpinion("can only read namespaced object of this type");
        return related(node, kind, a);
    }

    private Decision getOnly(String node, PodReferences.Kind kind, RequestAttributes a) {
        if (!a.verb().equals("get")) return noOpinion("can only get individual resources of this type");
        if (!a.subresource().isEmpty()) return noOpinion("cannot get subresource");
        return related(node, kind, a);
    }

    private Decision claimStatus(String node, RequestAttributes a) {
        if (!a.verb().equals("update") && !a.verb().equals("patch"))
            return noOpinion("can only get/update/patch this type");
        return related(node, PodReferences.Kind.CLAIM, a);
    }

    private Decision volume(String node, RequestAttributes a) {
        if (!a.verb().equals("get")) return noOpinion("can only get individual resources of this type");
        if (!a.subresource().isEmpty()) return noOpinion("cannot get subresource");
        if (a.name().isEmpty()) return noOpinion("No Object name found");
        return graph.relatedVolume(node, a.name()) ? Decision.allow("") : noRelationship(node);
    }

    private Decision token(String node, RequestAttributes a) {
        if (!a.verb().equals("create") || a.name().isEmpty())
            return noOpinion("can only create tokens for individual service accounts");
        if (!a.subresource().equals("token")) return noOpinion("can only create token subresource of serviceaccount");
        return related(node, PodReferences.Kind.SERVICE_ACCOUNT, a);
    }

    private static Decision lease(String node, RequestAttributes a) {
        String verb = a.verb();
        if (!java.util.Set.of("get", "create", "update", "patch", "delete").contains(verb))
            return noOpinion("can only get, create, update, patch, or delete a node lease");
        if (!a.namespace().equals(NODE_LEASE_NAMESPACE))
            return noOpinion("can only access leases in the \"" + NODE_LEASE_NAMESPACE + "\" system namespace");
        if (!a.subresource().isEmpty()) return noOpinion("cannot access subresource of node lease");
        if (!a.name().equals(node) && !verb.equals("create"))
            return noOpinion("can only access node lease with the same name as the requesting node");
        return Decision.allow("");
    }

    private Decision related(String node, PodReferences.Kind kind, RequestAttributes a) {
        if (a.name().isEmpty()) return noOpinion("No Object name found");
        return graph.related(node, new Ref(kind, a.namespace(), a.name())) ? Decision.allow("") : noRelationship(node);
    }

    private static Decision noRelationship(String node) {
        return noOpinion("no relationship found between node '" + node + "' and this object");
    }

    private static Decision noOpinion(String reason) {
        return new Decision(Authorizer.Kind.NO_OPINION, reason);
    }
}

package io.everynode.apiserver.auth.bootstrap;

import io.everynode.api.bootstrap.ClusterInfo;
import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.RequestAttributes;

/**
 * Lets everyone, anonymous users included, {@code get} the ConfigMap {@code cluster-info} in
 * {@code kube-public} and nothing else: a joining node reads it before it has credentials.
 * Upstream grants the same with kubeadm's Role {@code kubeadm:bootstrap-signer-clusterinfo}
 * ({@code get} on {@code configmaps} named {@code cluster-info}) bound to {@code system:anonymous};
 * once RBAC serves bindings this authorizer can give way to that Role and RoleBinding.
 */
public final class ClusterInfoAuthorizer implements Authorizer {
    @Override
    public Decision authorize(RequestAttributes a) {
        boolean clusterInfo = a.resourceRequest()
                && a.verb().equals("get")
                && a.apiGroup().isEmpty()
                && a.resource().equals("configmaps")
                && a.subresource().isEmpty()
                && a.namespace().equals(ClusterInfo.NAMESPACE)
                && a.name().equals(ClusterInfo.NAME);
        return clusterInfo ? Decision.allow("the cluster-info ConfigMap is public") : Decision.NO_OPINION;
    }
}

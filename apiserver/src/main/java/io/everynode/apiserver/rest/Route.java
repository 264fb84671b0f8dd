package io.everynode.apiserver.rest;

import io.everynode.api.resource.ResourceType;

/**
 * A request path resolved to a resource: {@code /api/v1/namespaces/ns/pods/p/status} is
 * (pods, "ns", "p", "status"). {@code namespace} is null for cluster-scoped resources and for
 * lists across all namespaces; {@code name} is null for collections.
 */
public record Route(ResourceType type, String namespace, String name, String subresource) {
    public boolean collection() {
        return name == null;
    }
}

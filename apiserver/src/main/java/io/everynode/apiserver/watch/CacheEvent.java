package io.everynode.apiserver.watch;

import io.everynode.api.resource.ResourceType;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change of one object as the cache saw it. {@code object} carries its resourceVersion
 * (for a deletion: the object as it was, with the deletion's resourceVersion); {@code previous}
 * is the state before the change, or null for a creation. Objects are shared: never mutate them.
 */
public record CacheEvent(
        Type type, ResourceType resource, String key, ObjectNode object, ObjectNode previous, long revision) {
    public enum Type {
        ADDED,
        MODIFIED,
        DELETED
    }
}

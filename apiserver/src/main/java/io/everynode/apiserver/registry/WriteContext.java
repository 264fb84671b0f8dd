package io.everynode.apiserver.registry;

import java.time.Instant;

/**
 * What a strategy may consult besides the object: the time of the request and read access to
 * other objects (priority classes for admission, say).
 */
public record WriteContext(Instant now, Lookup lookup) {

    /** Read access to current objects during admission. */
    public interface Lookup {
        tools.jackson.databind.node.ObjectNode get(io.everynode.apiserver.resource.ResourceType type, String namespace, String name);

        java.util.Collection<tools.jackson.databind.node.ObjectNode> list(io.everynode.apiserver.resource.ResourceType type, String namespace);
    }
}

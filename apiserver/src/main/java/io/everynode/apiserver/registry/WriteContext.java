package io.everynode.apiserver.registry;

import java.time.Instant;

/**
 * What a strategy may consult besides the object: the time of the request, read access to
 * other objects (priority classes for admission, say) and who writes.
 */
public record WriteContext(Instant now, Lookup lookup, Caller caller) {

    /** The server's own write. */
    public WriteContext(Instant now, Lookup lookup) {
        this(now, lookup, Caller.server());
    }

    /**
     * Read access to current objects during admission, from the watch cache. {@link #get} of an
     * object the cache does not hold yet waits for the cache to catch up with the store once, so
     * an object written just before (a PriorityClass, then its first pod) is found;
     * {@link #listConsistent} does the same for a whole list, where a missing item would let a
     * rule pass that must not (a second global default PriorityClass).
     */
    public interface Lookup {
        tools.jackson.databind.node.ObjectNode get(
                io.everynode.api.resource.ResourceType type, String namespace, String name);

        java.util.Collection<tools.jackson.databind.node.ObjectNode> list(
                io.everynode.api.resource.ResourceType type, String namespace);

        java.util.Collection<tools.jackson.databind.node.ObjectNode> listConsistent(
                io.everynode.api.resource.ResourceType type, String namespace);
    }
}

package io.everynode.apiserver.registry;

import java.time.Instant;

/**
 * What a strategy may consult besides the object: the time of the request, read access to
 * other objects (priority classes for admission, say) and who writes; whether the write is a dry
 * run (then nothing outside the object may be taken either), and the {@link WriteEffects} of this
 * attempt, where a strategy that takes something outside the object (a Service's addresses)
 * says how to keep or give it back.
 */
public record WriteContext(Instant now, Lookup lookup, Caller caller, boolean dryRun, WriteEffects effects) {

    /** A write that is no dry run, with effects of its own. */
    public WriteContext(Instant now, Lookup lookup, Caller caller) {
        this(now, lookup, caller, false, new WriteEffects());
    }

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

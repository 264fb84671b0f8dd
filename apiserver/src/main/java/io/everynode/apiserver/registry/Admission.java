package io.everynode.apiserver.registry;

import tools.jackson.databind.node.ObjectNode;

/**
 * A validating admission check that needs to know who writes (upstream's admission plugins:
 * NodeRestriction, PodSecurity, ...). The registry runs every check after the kind's strategy
 * validated the object and before anything is stored, on dry runs too.
 *
 * <p>Contract: refuse by throwing an {@link io.everynode.apiserver.errors.ApiException} (403
 * Forbidden as upstream's plugins answer); warn through {@link Request#caller()}; never change
 * the object.
 */
@FunctionalInterface
public interface Admission {
    void admit(Request request);

    enum Operation {
        CREATE,
        UPDATE,
        DELETE
    }

    /**
     * @param subresource "status" for status writes, "eviction" for an eviction (CREATE, with
     *     the Eviction as object and the pod as old), else null
     * @param object the object as it would be stored (for DELETE: the object being deleted)
     * @param old the stored object before an update or delete; null on create
     */
    record Request(
            Operation operation,
            io.everynode.api.resource.ResourceType type,
            String namespace,
            String name,
            String subresource,
            ObjectNode object,
            ObjectNode old,
            Caller caller,
            boolean dryRun,
            WriteContext.Lookup lookup) {}

    /** Runs {@code checks} in order. */
    static Admission chain(java.util.List<Admission> checks) {
        java.util.List<Admission> all = java.util.List.copyOf(checks);
        return r -> {
            for (Admission a : all) a.admit(r);
        };
    }

    Admission NONE = r -> {};
}

package io.everynode.apiserver.registry;

import io.everynode.apiserver.errors.Statuses.Cause;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * What differs between kinds on the write path (upstream's registry strategies): defaults,
 * validation, which parts a spec or status write may change, and the values field selectors see.
 * Objects are JSON trees; implementations mutate the tree they are given.
 */
public interface Strategy {

    /** Defaults and server-owned fields before a create (status cleared, generation set, ...). */
    default void prepareForCreate(ObjectNode obj, WriteContext ctx) {}

    /** Before an update through the main resource: status kept from {@code old}, generation bumped. */
    default void prepareForUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {}

    /** Before an update through {@code /status}: everything but status kept from {@code old}. */
    default void prepareForStatusUpdate(ObjectNode obj, ObjectNode old) {
        ObjectNode status = obj.has("status") ? (ObjectNode) obj.get("status") : null;
        obj.removeAll();
        obj.setAll(old.deepCopy());
        if (status != null) obj.set("status", status);
        else obj.remove("status");
    }

    /**
     * Before an update through {@code /approval} (CertificateSigningRequests only; the router
     * serves the path for no other kind): everything but the approval conditions kept from
     * {@code old}.
     */
    default void prepareForApprovalUpdate(ObjectNode obj, ObjectNode old) {
        throw new UnsupportedOperationException("no approval subresource");
    }

    default List<Cause> validateApprovalUpdate(ObjectNode obj, ObjectNode old) {
        return List.of();
    }

    /**
     * Called once after the object was stored by a create (not on dry run): writes the server
     * makes at once because of it (a namespace's {@code default} ServiceAccount).
     */
    default void created(ObjectNode obj, Registry registry) {}

    /**
     * Called once the object has left the store (a delete, or the update that removed its last
     * finalizer; never on a dry run): frees what it held outside itself (a Service's clusterIP
     * claim and nodePorts). Must not throw: a release that fails is mended by a repair pass.
     * What a create or update takes is kept or given back through {@link WriteContext#effects}.
     */
    default void deleted(ObjectNode obj) {}

    /**
     * Warnings a create answers with ({@code Warning} headers; upstream's WarningsOnCreate):
     * accepted values the server advises against, each "field path: what is wrong".
     */
    default List<String> warningsOnCreate(ObjectNode obj) {
        return List.of();
    }

    default List<Cause> validateCreate(ObjectNode obj, WriteContext ctx) {
        return List.of();
    }

    default List<Cause> validateUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        return List.of();
    }

    default List<Cause> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
        return List.of();
    }

    /** The values of the fields this kind supports in field selectors, beyond metadata.name/namespace. */
    default Map<String, String> selectableFields(ObjectNode obj) {
        return Map.of();
    }

    /**
     * Whether deletion must wait although no metadata finalizer is left (namespaces wait for
     * their {@code spec.finalizers}).
     */
    default boolean deletionPending(ObjectNode obj) {
        return false;
    }

    /** Changes made when deletion starts but cannot finish at once (a namespace turns Terminating). */
    default void prepareForDeletion(ObjectNode obj) {}

    /** Whether spec writes bump metadata.generation (R3.6). */
    default boolean hasGeneration() {
        return false;
    }

    /** Whether the kind has a status subresource (status ignored on main-resource writes). */
    default boolean hasStatusSubresource() {
        return false;
    }
}

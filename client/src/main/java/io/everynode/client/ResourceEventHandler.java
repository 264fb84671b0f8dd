package io.everynode.client;

/**
 * Told of each change an {@link Informer} sees, after its cache holds the change. Calls for one
 * informer come one at a time, in order. Keep them short (enqueue a key, design.md style 1)
 * and never modify the objects: the cache shares them.
 */
public interface ResourceEventHandler<T> {

    default void onAdd(T object) {}

    /** Also called after a relist for an object whose resourceVersion changed meanwhile. */
    default void onUpdate(T oldObject, T newObject) {}

    /**
     * The object is gone. After a relist this is the last state the informer saw, which may be
     * older than the object's final state.
     */
    default void onDelete(T object) {}
}

package io.everynode.client;

import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

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

    /**
     * The handler most controllers want: any add, update or delete calls {@code action} with the
     * object (on update, the new one), typically to enqueue its key.
     */
    static <T> ResourceEventHandler<T> onAnyChange(Consumer<? super T> action) {
        return onAnyChange((oldObject, newObject) -> true, action);
    }

    /**
     * For handlers that mirror state: an add or update calls {@code current} with the object as
     * it is now (on update, the new one); a delete calls {@code gone}.
     */
    static <T> ResourceEventHandler<T> observing(Consumer<? super T> current, Consumer<? super T> gone) {
        return of(current, (oldObject, newObject) -> current.accept(newObject), gone);
    }

    /** As {@link #onAnyChange(Consumer)}, but an update calls {@code action} only when {@code updateMatters}. */
    static <T> ResourceEventHandler<T> onAnyChange(
            BiPredicate<? super T, ? super T> updateMatters, Consumer<? super T> action) {
        return of(
                action,
                (oldObject, newObject) -> {
                    if (updateMatters.test(oldObject, newObject)) action.accept(newObject);
                },
                action);
    }

    /** A handler from three functions, for callers whose add, update and delete differ. */
    static <T> ResourceEventHandler<T> of(
            Consumer<? super T> added, BiConsumer<? super T, ? super T> updated, Consumer<? super T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                added.accept(object);
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                updated.accept(oldObject, newObject);
            }

            @Override
            public void onDelete(T object) {
                deleted.accept(object);
            }
        };
    }
}

package io.everynode.client;

/**
 * One event of a watch. ERROR events never arrive here: they end the watch and reach
 * {@link Watcher#onClose} as an {@link ApiError}.
 *
 * @param object the object after the change; for DELETED its last state; for BOOKMARK only
 *     its kind and {@code metadata.resourceVersion} are set
 */
public record WatchEvent<T>(Type type, T object) {

    public enum Type {
        ADDED,
        MODIFIED,
        DELETED,
        BOOKMARK
    }
}

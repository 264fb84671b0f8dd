package io.everynode.store;

import java.util.Optional;

/**
 * A revisioned key-value log: the one storage contract every backend (memory, SQLite, etcd) meets.
 *
 * <p>Contract, shared by all implementations and checked by one contract test suite:
 * <ul>
 *   <li>Every successful write (create, update, delete) gets the next revision of one global,
 *       strictly increasing counter; revisions never go backwards, not even across restarts.
 *       The revision of a key's last write is its {@code modRevision}; in the Kubernetes API
 *       this is the object's {@code resourceVersion}.</li>
 *   <li>A write that returned has been made durable: it survives a crash of the process.</li>
 *   <li>Watches deliver every change after the requested revision, in revision order, with no
 *       gap and no duplicate, whatever the number of concurrent writers.</li>
 *   <li>Compaction forgets history older than the compaction revision; a list or watch from a
 *       revision older than that fails with {@link CompactedException} (HTTP 410 Gone upstream).
 *       Implementations keep at least the last 5 minutes and the last 1000 revisions.</li>
 * </ul>
 * The store knows keys, bytes and revisions, not kinds.
 */
public interface Store extends AutoCloseable {

    /** The revision of the latest write, or 0 for an empty store. */
    long currentRevision();

    /** The oldest revision still readable; lists and watches before it fail with {@link CompactedException}. */
    long compactRevision();

    /** The key's current value, or empty. */
    Optional<KeyValue> get(String key);

    /**
     * All keys starting with {@code prefix}, in key order, as they were at {@code revision}
     * ({@code 0} means now). The result carries the revision it reflects.
     *
     * @throws CompactedException if {@code revision} is older than {@link #compactRevision()}
     */
    ListResult list(String prefix, long revision);

    /**
     * Creates {@code key}.
     *
     * @return the stored entry, its revisions set
     * @throws KeyExistsException if the key exists
     */
    KeyValue create(String key, byte[] value);

    /**
     * Replaces the value of {@code key} if its modRevision equals {@code expectedModRevision}
     * ({@code 0} means unconditionally).
     *
     * @throws KeyNotFoundException if the key does not exist
     * @throws ConflictException if the key's modRevision differs from the expected one
     */
    KeyValue update(String key, byte[] value, long expectedModRevision);

    /**
     * Deletes {@code key} if its modRevision equals {@code expectedModRevision} ({@code 0} means
     * unconditionally).
     *
     * @return the entry as it was before deletion, with {@code modRevision} set to the revision
     *     of the deletion itself
     * @throws KeyNotFoundException if the key does not exist
     * @throws ConflictException if the key's modRevision differs from the expected one
     */
    KeyValue delete(String key, long expectedModRevision);

    /**
     * Watches the keys starting with {@code prefix} for changes after {@code afterRevision}.
     * Events already in the log after that revision are delivered first, then new ones as
     * they happen. The listener is called from one thread at a time, in revision order.
     *
     * @throws CompactedException if {@code afterRevision} is older than {@link #compactRevision()}
     */
    Watch watch(String prefix, long afterRevision, WatchListener listener);

    /** Compacts now, by the implementation's retention policy; returns the new compact revision. */
    long compact();

    /**
     * The name of this store's health check, as the API server's {@code /readyz} lists it
     * ({@code etcd}), or empty for a store inside the server's own process, which has nothing
     * outside it to be cut off from.
     */
    default Optional<String> healthCheckName() {
        return Optional.empty();
    }

    /**
     * Returns when the store can serve a quorum read within its health timeout (seconds, not
     * the request timeout: a readiness probe must answer quickly).
     *
     * @throws StoreUnavailableException saying why it cannot
     */
    default void checkHealth() {}

    @Override
    void close();
}

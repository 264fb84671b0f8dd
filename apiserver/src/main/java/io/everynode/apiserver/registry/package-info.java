/**
 * The write path every kind shares ({@code Registry}): metadata the server owns, preconditions,
 * no-op detection, dry run, deletion held back by finalizers or a grace period, with what differs between kinds
 * delegated to a {@code Strategy}. Objects are stored without {@code resourceVersion}; the store
 * revision of their last write is stamped on every read. Lists are read from the watch cache.
 *
 * <p>Threading: thread-safe and lock-free; every write is a compare-and-swap on the object's store
 * revision, so of two concurrent writes one wins and the other is retried on the new state, or
 * answered 409 Conflict when the client named a resourceVersion.
 */
package io.everynode.apiserver.registry;

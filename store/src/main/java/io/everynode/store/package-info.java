/**
 * The storage contract ({@code Store}: a revisioned key-value log with watches and compaction)
 * and its two backends, {@code MemoryStore} (the reference) and {@code SqliteStore} (the embedded
 * default, one append-only table whose row id is the revision), opened through {@code Stores}.
 * Knows keys, bytes and revisions, not kinds; one contract test suite runs against both.
 * {@code SqliteBackup} copies the SQLite store online and restores it with its revision raised.
 *
 * <p>Threading: all methods are thread-safe. SQLite writes go through one writer thread with group
 * commit, memory writes under one lock, so revision order is commit order is publish order;
 * {@code WatchHub} delivers each watch on a shared pool, one call at a time per watch, and
 * {@code Compactor} is one daemon thread.
 */
package io.everynode.store;

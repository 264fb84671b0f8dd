/**
 * The storage contract ({@code Store}: a revisioned key-value log with watches and compaction)
 * and its three backends, {@code MemoryStore} (the reference), {@code SqliteStore} (the embedded
 * default, one append-only table whose row id is the revision) and {@code EtcdStore} (an etcd
 * cluster through jetcd, revisions etcd's; its helpers are the other {@code Etcd*} classes),
 * opened through {@code Stores}. Watches answer progress requests (every event up to a revision
 * delivered), which the API server's cache needs when writes land outside its prefix. Knows keys,
 * bytes and revisions, not kinds; one contract test
 * suite runs against all three. {@code SqliteBackup} copies the SQLite store online and restores
 * it with its revision raised; {@code EtcdSnapshot} streams an etcd snapshot to a file,
 * {@code EtcdRevisions} raises an etcd's revision by writes and compacts (etcd 3.4 has no offline
 * bump), and {@code EtcdMigration} copies a SQLite store's objects into an empty etcd.
 *
 * <p>Threading: all methods are thread-safe. SQLite writes go through one writer thread with group
 * commit, memory writes under one lock, so revision order is commit order is publish order;
 * {@code WatchHub} delivers each watch on a shared pool, one call at a time per watch, and
 * {@code Compactor} is one daemon thread. The etcd store's requests run concurrently on jetcd's
 * event loop; each of its watches feeds a {@code WatchSession} from jetcd's callbacks, and broken
 * etcd watches are resumed on one daemon thread.
 */
package io.everynode.store;

/**
 * A history checker for a cluster's HTTP API, in the spirit of etcd's robustness tests:
 * {@code RecordingClient} and {@code RecordingWatcher} record every write, list and watch event
 * into one {@code History}; {@code HistoryChecker} then checks it afterwards (docs/ha.md
 * "Checking histories"): acknowledged writes are never lost or changed, watches are ordered with
 * no gap and no duplicate, lists at a revision equal the watched history replayed to it, and a
 * DaemonSet rollout never exceeded its budget. {@code FencedWritesCheck} adds a fifth rule read
 * from a server's audit log instead: no write as an elected controller while another server held
 * that Lease.
 *
 * <p>The checker only reads the history: its rules are pure functions of the records, so the unit
 * tests hand-make histories. Keys are {@code resource/namespace/name}; revisions are the
 * resourceVersions read as numbers (everynode's and etcd's are).
 *
 * <p>Threading: {@code History} is thread-safe (every recorder appends to it); a
 * {@code RecordingWatcher} reads on its own thread; the checker runs on one thread after the
 * recording stopped.
 */
package io.everynode.testkit.history;

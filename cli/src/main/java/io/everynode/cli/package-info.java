/**
 * The {@code everynode} command (picocli): {@code up}, {@code server}, {@code agent},
 * {@code image}, {@code bench}, {@code token} (bootstrap tokens), {@code backup}, {@code restore}
 * ({@code EtcdSnapshotRestore} runs etcdctl and a scratch etcd for etcd snapshots) and
 * {@code migrate}, each a class of its own. Wiring only: each command assembles
 * store, API server, HTTP front, client, controllers and agents from the other modules and stops
 * them in reverse order ({@code UpCluster} for {@code up}, which tests start too; {@code HaCluster}
 * for {@code up --ha N}). {@code LocalEtcd} is the one launcher of etcd members on loopback, and
 * the one place that finds etcd and etcdctl: {@code up --ha} keeps and resumes its members, the
 * benchmarks throw theirs away, and an etcd snapshot restore runs a scratch one on the data it
 * restored.
 *
 * <p>Threading: commands run on the main thread and block until stopped (Ctrl-C runs a shutdown
 * hook); everything concurrent belongs to the modules they start.
 */
package io.everynode.cli;

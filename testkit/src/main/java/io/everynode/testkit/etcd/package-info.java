/**
 * A real etcd cluster for tests: {@code EtcdCluster} starts members of Debian's {@code etcd}
 * (package etcd-server 3.4, installed by scripts/install-test-tools.sh) on loopback ports, data in
 * a directory the test owns, and lets a test stop, kill -9, pause (SIGSTOP) and restart one member.
 * Where etcd is missing, {@code EtcdCluster.assumeAvailable} skips the test with the reason, except
 * in CI ({@code CI=true}), where it fails it. Members die with the JVM that started them, even when
 * it is killed with SIGKILL (a watcher on their stdin pipe; see {@code EtcdMember}).
 *
 * <p>Threading: used by one test thread.
 */
package io.everynode.testkit.etcd;

/**
 * Issue 13's acceptance on {@code everynode up --runtime container}: real images from a registry
 * the test starts on loopback (or imported from an archive), run by runc on every node with the
 * CNI plugins' pod networks. Every test skips, saying why, where root, runc, the CNI plugins,
 * {@code /bin/busybox} or Debian's {@code docker-registry} are missing
 * ({@code scripts/install-test-tools.sh} installs them). Tests read what a container saw from its
 * logs (its command prints it), so they need nothing but the cluster and kubectl.
 */
package io.everynode.e2e.containers;

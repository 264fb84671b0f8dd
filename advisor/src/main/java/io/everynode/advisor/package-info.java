/**
 * Read-only answers about DaemonSets, beyond what Kubernetes tools give (issue 15): {@code lint}
 * (mistakes in manifests, offline), {@code why} (for every node, why it runs a daemon pod or
 * not, through any kubeconfig) and {@code rollout} ({@code rollout status} that fails on a passed
 * progress deadline) and {@code plan} (what applying a DaemonSet would do: placement, pool
 * headroom, a rollout estimate). It reads
 * through the client and reuses the controllers' own checks; it never writes. The {@code cli}
 * module wires it into the {@code everynode} command.
 */
package io.everynode.advisor;

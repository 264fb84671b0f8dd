/**
 * The node agent's acceptance on real processes (docs/acceptance.md): {@code everynode up
 * --runtime process} in the test JVM, the demo agent's DaemonSets applied with the real kubectl.
 * Skipped where the machine cannot run process nodes.
 *
 * <p>Threading: the cluster runs its own threads; tests act from JUnit's thread and await outcomes
 * with Awaitility.
 */
package io.everynode.e2e.agent;

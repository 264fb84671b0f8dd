/**
 * Test support of the controllers' tests: one server process as {@code everynode server} runs it
 * ({@code InProcessCluster}) and a kubelet stand-in ({@code Kubelet}) that finishes graceful
 * deletes and marks pods Running and Ready when a test steps it.
 *
 * <p>Threading: the cluster runs its own threads; the kubelet stand-in acts only when called.
 */
package io.everynode.controllers.testing;

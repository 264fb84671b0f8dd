/**
 * Upstream's DaemonSet conformance scenarios, end to end: every controller running as
 * {@code everynode server} runs them, driven by the real kubectl, with a test stand-in for the
 * node agents ({@code Kubelet}).
 *
 * <p>Threading: the controllers run on their own workers; tests act from JUnit's thread and await
 * outcomes with Awaitility.
 */
package io.everynode.controllers.e2e;

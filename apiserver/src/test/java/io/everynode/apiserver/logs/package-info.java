/**
 * Tests of {@code kubectl logs} through {@code pods/log}, relayed by the API server to a node's log
 * endpoint; the endpoint is a fake one here ({@code FakeAgent}), a module edge.
 *
 * <p>Threading: the fake serves on the JDK's HTTP server threads; tests wait on kubectl.
 */
package io.everynode.apiserver.logs;

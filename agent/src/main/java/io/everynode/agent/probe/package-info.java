/**
 * Liveness, readiness and startup probes, as the kubelet runs them: {@code ProbeManager} (one per
 * agent) keeps a {@code ContainerProbes} per running container instance, each probe a pure
 * {@code ProbeTracker} state machine; {@code Probers} does the I/O (httpGet, tcpSocket, exec, and
 * gRPC as a TCP check). Results reach the pod sync through {@code ProbeView}s.
 *
 * <p>Threading: no thread per container. Each attempt is a one-shot task on the host's shared
 * timers that re-arms itself; the I/O runs on one asynchronous HTTP client and a small pool shared
 * by every agent of the process. Results are handed back by enqueueing the pod's key.
 */
package io.everynode.agent.probe;

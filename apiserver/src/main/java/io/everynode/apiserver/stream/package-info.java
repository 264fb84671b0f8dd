/**
 * {@code pods/exec} over WebSocket: the API server terminates kubectl's WebSocket
 * ({@code v5.channel.k8s.io}, or {@code v4.channel.k8s.io}) and relays its binary messages, as
 * they are, to and from a WebSocket it opens to the node agent's
 * {@code /exec/{namespace}/{pod}/{container}} with the same subprotocol, presenting its
 * kubelet-client certificate on a TLS cluster (the agent checks {@code nodes/proxy}).
 *
 * <p>Entry point: {@link io.everynode.apiserver.stream.ExecProxy}; package {@code rest} checks the
 * pod (scheduled, not completed, the container named) and finds the agent before calling it. The
 * agent is connected first, so what it refuses (a container that does not run) reaches kubectl as
 * a {@code Status} before any upgrade. Authorization is upstream's since 1.35: a WebSocket exec
 * (an HTTP GET) needs {@code create} on {@code pods/exec}.
 *
 * <p>{@code pods/attach} is relayed the same way, by the same {@code ExecProxy}, to the agent's
 * {@code /attach/{namespace}/{pod}/{container}} (query {@code stdin}, {@code stdout},
 * {@code stderr}, {@code tty}; no command), after the same checks of the pod; a WebSocket attach
 * needs {@code create} on {@code pods/attach}.
 *
 * <p>{@code pods/portforward} goes the same way ({@code ExecProxy#relayPortForward}): kubectl's
 * WebSocket with subprotocol {@code SPDY/3.1+portforward.k8s.io} carries a SPDY session as bytes,
 * relayed unchanged to the agent's {@code /portForward/{namespace}/{pod}}, where SPDY ends. The
 * agent is dialled without a subprotocol (the JDK's client refuses one with a '/'); what it refuses
 * reaches kubectl as a {@code Status} before any upgrade.
 */
package io.everynode.apiserver.stream;

/**
 * {@code kubectl port-forward} on the agent's endpoint: the kubelet's
 * {@code /portForward/{namespace}/{pod}} (optionally {@code /{uid}} after it), a WebSocket that
 * carries a SPDY/3.1 session as a byte stream, as kubectl 1.35 tunnels it (subprotocol
 * {@code SPDY/3.1+portforward.k8s.io}; the API server's {@code pods/portforward} relays it
 * unchanged and offers none). The endpoint's guard authorizes it as the kubelet does
 * ({@code nodes/proxy}).
 *
 * <p>The session: kubectl opens, per local connection, an error stream and a data stream
 * (SYN_STREAM with headers {@code streamtype}, {@code port}, {@code requestid}); the agent replies
 * to each (SYN_REPLY), connects to the port once both have come, copies bytes between the data
 * stream and the connection, ends the data stream (FIN) when the pod's side ends, and then the
 * error stream, empty; a connection that cannot be made puts its reason on the error stream as
 * text. kubectl's PINGs are echoed; its RST_STREAM drops the connection; GOAWAY or the WebSocket's
 * close drops them all. No flow control: kubectl's SPDY library neither sends nor honours window
 * updates.
 *
 * <p>Parts: {@link io.everynode.agent.portforward.PortForwardRequests} (the route and upgrade),
 * {@code PortForwardSession} (one session's streams), {@code ForwardedConnection} (one forwarded
 * connection and its threads), {@code SpdyFrameReader} / {@code SpdyFrameWriter} /
 * {@code SpdyFrame} (the framing), {@code HeaderBlockReader} / {@code HeaderBlockWriter} (header
 * blocks, zlib with {@code SpdyDictionary}). Where the pod's ports are is the runtime's answer
 * ({@code ContainerRuntime#portForwardAddress}: the pod IP, loopback, or the node's namespace IP).
 */
package io.everynode.agent.portforward;

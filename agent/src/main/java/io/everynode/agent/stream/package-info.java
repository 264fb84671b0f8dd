/**
 * {@code kubectl exec} on the agent's endpoint: the kubelet's
 * {@code /exec/{namespace}/{pod}/{container}?command=...&stdin=&stdout=&stderr=&tty=}, a WebSocket
 * speaking {@code v5.channel.k8s.io} (or {@code v4.channel.k8s.io}), which the API server's
 * {@code pods/exec} opens and relays kubectl's frames through. The endpoint's guard authorizes it
 * as the kubelet does ({@code nodes/proxy}).
 *
 * <p>Frames are binary, their first byte the channel: 0 stdin (from the client), 1 stdout, 2
 * stderr, 3 the exec's outcome (a v1 {@code Status}: Success, or Failure with reason
 * {@code NonZeroExitCode} and a cause {@code ExitCode} whose message is the code), and in v5 255
 * (a client's "stream closed": second byte the channel, 0 = end of stdin). After the outcome the
 * agent closes the WebSocket.
 *
 * <p>Entry points: {@link io.everynode.agent.stream.ExecRequests} (the route), which starts the
 * command through {@code ContainerRuntime#startExec} and hands it to an
 * {@link io.everynode.agent.stream.ExecSession}. With {@code tty=true} the command runs under a terminal ({@code TerminalExec}) and resize frames (4) set its size.
 *
 * <p>{@code kubectl attach}: the kubelet's {@code /attach/{namespace}/{pod}/{container}?stdin=&stdout=&stderr=&tty=}
 * on the same protocols ({@link io.everynode.agent.stream.AttachRequests}, then an
 * {@link io.everynode.agent.stream.AttachSession}). The container's output is followed from its
 * log ({@code logs/OutputFollower}, the path of {@code kubectl logs -f --tail=0}) and sent on
 * channel 1 (2 where the log tells stderr apart); stdin frames go into the container's stdin
 * FIFO and resize frames to its terminal ({@code ContainerRuntime#attach}, an
 * {@code Attachment}); when the container's instance ends, a Success {@code Status} goes out on
 * channel 3 and the session closes. Port-forward is package {@code portforward}.
 *
 * <p>The three WebSocket routes share their skeleton, {@link io.everynode.agent.stream.WebSocketRoute}:
 * the route entry, the 404 for a path of the wrong shape, the one-hour idle timeout, and the upgrade
 * to the session a route's own checks name (or their plain-text refusal).
 */
package io.everynode.agent.stream;

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
 * {@link io.everynode.agent.stream.ExecSession}. With {@code tty=true} the command runs under a terminal ({@code TerminalExec}) and resize frames (4) set its size. Not done:
 * attach. Port-forward is package {@code portforward}.
 */
package io.everynode.agent.stream;

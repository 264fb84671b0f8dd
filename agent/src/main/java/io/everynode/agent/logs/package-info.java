/**
 * Container logs for {@code kubectl logs}: the node agent's log endpoint, the kubelet's
 * {@code GET /containerLogs/{namespace}/{pod}/{container}}, which the API server's
 * {@code pods/log} relays.
 *
 * <p>Entry points: {@link io.everynode.agent.logs.LogServer} (Jetty on {@code bind:port}, port 0
 * by default; the agents of one process share one) and {@link io.everynode.agent.logs.LogSource}
 * (which node runs a pod, under which uid). Files come from
 * {@code ContainerRuntime#logFile(uid, container, previous)}.
 *
 * <p>How a Node tells where: {@code status.daemonEndpoints.kubeletEndpoint.Port} (as the kubelet)
 * and the annotation {@code everynode.io/agent-endpoint: host:port}, which the API server prefers
 * (agents sharing one host, or pods in network namespaces the server cannot reach by InternalIP).
 *
 * <p>Decisions: {@code follow} polls the file every 200 ms and ends when the container instance
 * ends (its ID changes or it terminates) or the client goes away. Runtimes write raw lines with no
 * times, so {@code timestamps} and {@code sinceSeconds}/{@code sinceTime} are approximate: lines
 * already in the file carry the file's last-modified time, lines read while following the time
 * they were read; {@code since} keeps or skips the existing content as a whole by that time.
 * Errors are plain text as the kubelet's: 400 for "waiting to start" and "previous terminated
 * container … not found", 404 for a pod the node does not run or a container it keeps no log for.
 */
package io.everynode.agent.logs;

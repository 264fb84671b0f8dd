/**
 * Container logs for {@code kubectl logs}: the node agent's log endpoint, the kubelet's
 * {@code GET /containerLogs/{namespace}/{pod}/{container}}, which the API server's
 * {@code pods/log} relays.
 *
 * <p>Entry points: {@link io.everynode.agent.logs.LogServer} (the agent's endpoint on Jetty, on
 * {@code bind:port}, port 0 by default; the agents of one process share one; HTTPS with the checks
 * of package {@code endpointauth} on a TLS cluster; its routes in one table,
 * {@code EndpointRoutes}), {@link io.everynode.agent.logs.LogSource}
 * (which node runs a pod, under which uid) and {@link io.everynode.agent.logs.LogEndpoint} (how
 * the server is reached). Files come from {@code ContainerRuntime#logFile(uid, container, previous)}.
 *
 * <p>How the API server finds it: as upstream finds a kubelet, at the Node's InternalIP and
 * {@code status.daemonEndpoints.kubeletEndpoint.Port}, both reported by the agent (which writes
 * them back when a client overwrites them). Nothing else on the Node is followed: the annotation
 * {@code everynode.io/agent-endpoint} that earlier versions wrote, which any client could set, is
 * neither written nor read. So the log server must be reachable at InternalIP:port:
 * <ul>
 *   <li>direct ({@code LogEndpoint.direct}): the server listens on the InternalIP itself
 *       (loopback for simulated fleets and process nodes in the host network; {@code --address}
 *       for {@code everynode agent});
 *   <li>relayed ({@code LogEndpoint.relayed}): a node in a network namespace of its own
 *       ({@code up --runtime process}) has its InternalIP inside the namespace, while the agent
 *       runs in the host's. The server listens on the host's bridge address, and a
 *       {@link io.everynode.agent.logs.LogRelay} (a small JVM on this module's classes, started
 *       through the namespace's {@code nsenter} prefix by {@link io.everynode.agent.logs.RelayProcess})
 *       listens on InternalIP:10250 inside the namespace and forwards each TCP connection to it.
 *       Why a relay and not another address: upstream's shape holds (InternalIP = the pods'
 *       hostIP = the address logs are fetched from), and a socket can only be opened inside a
 *       namespace by a process in it, which Java cannot become. The relay exits when its
 *       standard input (held by the agent) closes, so it never outlives its agent.
 * </ul>
 *
 * <p>Decisions: {@code follow} polls the file every 200 ms and ends when the container instance
 * ends (its ID changes or it terminates), the client goes away or the server closes. A client that
 * goes away is noticed by a read on its idle connection, or when a write to it fails. Log files
 * are in the CRI log format (package {@code io.everynode.agent.crilog}), so {@code timestamps}
 * shows and {@code sinceSeconds}/{@code sinceTime} select by the time each line was written;
 * {@code tailLines} counts lines, not file lines (a long line is several entries). The bytes
 * answered can be told apart by stream ({@code LogWriter.Sink#write(CriStream, byte[])}).
 * Errors are plain text as the kubelet's: 400 for "waiting to start" and "previous terminated
 * container … not found", 404 for a pod the node does not run or a container it keeps no log for.
 */
package io.everynode.agent.logs;

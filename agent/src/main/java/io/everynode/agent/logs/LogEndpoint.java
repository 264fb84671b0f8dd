package io.everynode.agent.logs;

import io.everynode.agent.endpointauth.EndpointSecurity;
import java.util.List;

/**
 * How a node agent serves {@code kubectl logs} so that the API server finds it where upstream's
 * finds a kubelet: at the node's InternalIP and the port the Node advertises in
 * {@code status.daemonEndpoints.kubeletEndpoint.Port}.
 *
 * <ul>
 *   <li>{@link #direct}: the {@link LogServer} listens on {@code bind:port} and the Node
 *       advertises the port bound. The API server reaches it when {@code bind} is the node's
 *       InternalIP (or a wildcard): loopback for {@code everynode up}'s simulated nodes and
 *       process nodes without network namespaces, {@code --address} for {@code everynode agent}.
 *   <li>{@link #relayed}: for a node in a network namespace of its own, whose InternalIP lives
 *       inside the namespace while the agent runs in the host's. The log server listens in the
 *       host namespace on {@code bind} (the host's address on the cluster bridge, port 0), and a
 *       {@link LogRelay} process started through {@code relayPrefix} (the namespace's
 *       {@code nsenter} prefix) listens on InternalIP:{@code relayPort} inside the namespace and
 *       forwards each connection to it. The Node advertises {@code relayPort}.
 * </ul>
 *
 * @param bind the log server's address in the agent's own network namespace
 * @param port the log server's port; 0 picks a free one
 * @param relayPrefix null for a direct endpoint, else the command prefix entering the node's network namespace
 * @param relayPort the relay's port inside the namespace (unused when direct)
 * @param security HTTPS and the kubelet's checks ({@link #withSecurity}); null: plain HTTP, for
 *     control planes without TLS only
 */
public record LogEndpoint(String bind, int port, List<String> relayPrefix, int relayPort, EndpointSecurity security) {
    /** The kubelet's port, which relays listen on: every node has its own namespace, so all may use it. */
    public static final int KUBELET_PORT = 10250;

    public LogEndpoint {
        if (bind == null || bind.isBlank())
            throw new IllegalArgumentException("the log endpoint needs an address to bind");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("log port out of range: " + port);
        relayPrefix = relayPrefix == null ? null : List.copyOf(relayPrefix);
        if (relayPrefix != null && (relayPort < 1 || relayPort > 65535))
            throw new IllegalArgumentException("relay port out of range: " + relayPort);
    }

    /** The log server on {@code bind:port} (0: any free port), reached there directly. */
    public static LogEndpoint direct(String bind, int port) {
        return new LogEndpoint(bind, port, null, 0, null);
    }

    /**
     * The log server on {@code hostSide} (any free port) in the agent's namespace, reached
     * through a relay on the node's InternalIP and {@link #KUBELET_PORT} inside the namespace that
     * {@code namespacePrefix} enters.
     */
    public static LogEndpoint relayed(List<String> namespacePrefix, String hostSide) {
        return new LogEndpoint(hostSide, 0, namespacePrefix, KUBELET_PORT, null);
    }

    /** This endpoint, over HTTPS with {@code security}'s certificate and checks. */
    public LogEndpoint withSecurity(EndpointSecurity security) {
        return new LogEndpoint(bind, port, relayPrefix, relayPort, security);
    }

    public boolean isRelayed() {
        return relayPrefix != null;
    }
}

package io.everynode.agent.portforward;

import io.everynode.agent.logs.EndpointRoutes;
import io.everynode.agent.logs.LogSource;
import io.everynode.agent.stream.WebSocketRoute;
import io.everynode.agent.stream.WebSocketRoute.Opening;
import io.everynode.agent.stream.WebSocketRoute.Refusal;
import io.everynode.agent.stream.WebSocketRoute.Upgrade;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;

/**
 * The {@code /portForward/} route: {@code /portForward/{namespace}/{pod}} (or with the pod's uid
 * after it, as the kubelet also takes), a WebSocket with subprotocol {@value #PROTOCOL} (or none)
 * carrying SPDY/3.1 ({@link PortForwardSession}). The pod's runtime says where its ports are
 * ({@code ContainerRuntime#portForwardAddress}). What goes wrong before the upgrade is a
 * plain-text 400 or 404, as the kubelet words it ({@code stream.WebSocketRoute}); a runtime that cannot forward ports is told per
 * connection on the error stream, as the kubelet does.
 */
public final class PortForwardRequests {
    static final String PREFIX = "/portForward/";
    /** kubectl's SPDY-over-WebSocket subprotocol for port-forward. */
    static final String PROTOCOL = "SPDY/3.1+portforward.k8s.io";

    private final LogSource source;
    private final WebSocketRoute<String[]> route;

    /** @param server the endpoint's server, not yet started (the WebSocket container joins it) */
    public PortForwardRequests(LogSource source, Server server) {
        this.source = source;
        this.route = new WebSocketRoute<>(
                PREFIX, "/portForward/{namespace}/{pod}", PortForwardRequests::parse, this::nodeOf, this::open, server);
    }

    /** This route's entry in the endpoint's table. */
    public EndpointRoutes.Route route() {
        return route.route();
    }

    private Opening open(String[] path, Request request) {
        if (!offers(request)) {
            return new Refusal(400, "expected a WebSocket upgrade with subprotocol " + PROTOCOL);
        }
        String namespace = path[0], name = path[1];
        Optional<LogSource.PodOnNode> on = source.pod(namespace, name);
        if (on.isEmpty()) {
            return new Refusal(404, "pod " + namespace + "/" + name + " not found");
        }
        // As the kubelet, a pod whose ports cannot be reached is told per connection, on the error
        // stream: kubectl prints that, where a refused upgrade would end in its SPDY fallback's 400.
        InetAddress address = null;
        String refusal = null;
        try {
            address = on.get().runtime().portForwardAddress(on.get().uid());
        } catch (IllegalStateException e) {
            refusal = e.getMessage();
        }
        PortForwardSession session = new PortForwardSession(
                address, refusal, namespace + "/" + name + ", uid " + on.get().uid());
        return new Upgrade(session, offersProtocol(request) ? Optional.of(PROTOCOL) : Optional.empty());
    }

    /**
     * Whether the client offers {@link #PROTOCOL}, or no subprotocol at all (the API server's relay:
     * the JDK's WebSocket client cannot offer one with a '/'); a client offering only others is refused.
     */
    private static boolean offers(Request request) {
        List<String> offered = request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL);
        if (offered.isEmpty()) return true;
        for (String v : offered) for (String p : v.split(",")) if (p.strip().equals(PROTOCOL)) return true;
        return false;
    }

    private static boolean offersProtocol(Request request) {
        return !request.getHeaders()
                .getValuesList(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL)
                .isEmpty();
    }

    /** {namespace, pod} from the raw path, or empty unless it has two or three non-empty segments. */
    static Optional<String[]> parse(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(PREFIX)) return Optional.empty();
        String[] parts = rawPath.substring(PREFIX.length()).split("/", -1);
        if (parts.length < 2 || parts.length > 3) return Optional.empty();
        for (String p : parts) if (p.isEmpty()) return Optional.empty();
        return Optional.of(new String[] {segment(parts[0]), segment(parts[1])});
    }

    private static String segment(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The node of this endpoint that runs the pod the path names, or null when none does. */
    String nodeOf(String rawPath) {
        return parse(rawPath)
                .flatMap(p -> source.pod(p[0], p[1]))
                .map(LogSource.PodOnNode::node)
                .orElse(null);
    }
}

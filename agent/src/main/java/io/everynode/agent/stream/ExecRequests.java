package io.everynode.agent.stream;

import io.everynode.agent.logs.ContainerPath;
import io.everynode.agent.logs.EndpointRoutes;
import io.everynode.agent.logs.LogSource;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * The {@code /exec/} route: checks the path {@code /exec/{namespace}/{pod}/{container}}, the query
 * and the subprotocol, starts the command through the pod's runtime, then upgrades to a WebSocket
 * served by an {@link ExecSession}. What goes wrong before the upgrade is a plain-text 400 or 404,
 * as the kubelet words it.
 */
public final class ExecRequests implements EndpointRoutes.RouteHandler {
    static final String PREFIX = "/exec/";
    /** The subprotocols served, preferred first; v5 adds the client's "stream closed" frames. */
    static final List<String> PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
    /** A session with no frames either way for this long is closed (kubectl pings every few seconds). */
    private static final Duration IDLE = Duration.ofHours(1);

    private final LogSource source;
    private final ServerWebSocketContainer websockets;

    /** @param server the endpoint's server, not yet started (the WebSocket container joins it) */
    public ExecRequests(LogSource source, Server server) {
        this.source = source;
        this.websockets = ServerWebSocketContainer.ensure(server);
        websockets.setIdleTimeout(IDLE);
    }

    /** This route's entry in the endpoint's table. */
    public EndpointRoutes.Route route() {
        return new EndpointRoutes.Route(PREFIX, this::nodeOf, this);
    }

    @Override
    public void serve(Request request, Response response) throws IOException {
        throw new UnsupportedOperationException("served with its callback");
    }

    @Override
    public void serve(Request request, Response response, Callback callback) throws IOException {
        Optional<ContainerPath> path =
                ContainerPath.parse(PREFIX, request.getHttpURI().getPath());
        if (path.isEmpty()) {
            refuse(response, callback, 404, "404 page not found: expected /exec/{namespace}/{pod}/{container}");
            return;
        }
        Fields query = Request.extractQueryParameters(request);
        List<String> command = query.getValues("command");
        if (command == null || command.isEmpty()) {
            refuse(response, callback, 400, "you must specify at least one command for the container");
            return;
        }
        boolean stdin = flag(query, "stdin");
        boolean stdout = flag(query, "stdout");
        boolean stderr = flag(query, "stderr");
        boolean tty = flag(query, "tty");
        if (!stdin && !stdout && !stderr) {
            refuse(response, callback, 400, "you must specify at least one of stdin, stdout, stderr");
            return;
        }
        Optional<String> protocol = protocol(request);
        if (protocol.isEmpty()) {
            refuse(
                    response,
                    callback,
                    400,
                    "expected a WebSocket upgrade with subprotocol " + String.join(" or ", PROTOCOLS));
            return;
        }
        String namespace = path.get().namespace(),
                pod = path.get().pod(),
                container = path.get().container();
        Optional<LogSource.PodOnNode> on = source.pod(namespace, pod);
        if (on.isEmpty()) {
            refuse(response, callback, 404, "pod " + namespace + "/" + pod + " not found");
            return;
        }
        Process process;
        try {
            process = on.get().runtime().startExec(on.get().uid(), container, List.copyOf(command), tty);
        } catch (IllegalStateException e) {
            refuse(response, callback, 400, e.getMessage());
            return;
        }
        ExecSession session = new ExecSession(process, List.copyOf(command), stdin, stdout, stderr, tty);
        boolean upgraded = websockets.upgrade(
                (req, resp, cb) -> {
                    resp.setAcceptedSubProtocol(protocol.get());
                    return session;
                },
                request,
                response,
                callback);
        if (!upgraded) {
            session.abandon();
            refuse(response, callback, 400, "expected a WebSocket upgrade");
        }
    }

    static void refuse(Response response, Callback callback, int status, String message) throws IOException {
        EndpointRoutes.text(response, status, message);
        callback.succeeded();
    }

    /** The first subprotocol the client offers that this endpoint speaks. */
    static Optional<String> protocol(Request request) {
        List<String> offered = new ArrayList<>();
        for (String v : request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL))
            for (String p : v.split(",")) offered.add(p.strip());
        return offered.stream().filter(PROTOCOLS::contains).findFirst();
    }

    static boolean flag(Fields query, String name) {
        String v = query.getValue(name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    /** The node of this endpoint that runs the pod the path names, or null when none does (or the path is malformed). */
    String nodeOf(String rawPath) {
        return ContainerPath.nodeOf(PREFIX, rawPath, source);
    }
}

package io.everynode.agent.stream;

import io.everynode.agent.logs.ContainerPath;
import io.everynode.agent.logs.EndpointRoutes;
import io.everynode.agent.logs.LogSource;
import io.everynode.agent.stream.WebSocketRoute.Opening;
import io.everynode.agent.stream.WebSocketRoute.Refusal;
import io.everynode.agent.stream.WebSocketRoute.Upgrade;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Fields;

/**
 * The {@code /exec/} route: checks the path {@code /exec/{namespace}/{pod}/{container}}, the query
 * and the subprotocol, starts the command through the pod's runtime, then upgrades to a WebSocket
 * served by an {@link ExecSession} ({@link WebSocketRoute}). What goes wrong before the upgrade is
 * a plain-text 400 or 404, as the kubelet words it.
 */
public final class ExecRequests {
    static final String PREFIX = "/exec/";
    /** The subprotocols served, preferred first; v5 adds the client's "stream closed" frames. */
    static final List<String> PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");

    private final LogSource source;
    private final WebSocketRoute<ContainerPath> route;

    /** @param server the endpoint's server, not yet started (the WebSocket container joins it) */
    public ExecRequests(LogSource source, Server server) {
        this.source = source;
        this.route = new WebSocketRoute<>(
                PREFIX,
                "/exec/{namespace}/{pod}/{container}",
                raw -> ContainerPath.parse(PREFIX, raw),
                raw -> ContainerPath.nodeOf(PREFIX, raw, source),
                this::open,
                server);
    }

    /** This route's entry in the endpoint's table. */
    public EndpointRoutes.Route route() {
        return route.route();
    }

    private Opening open(ContainerPath path, Request request) {
        Fields query = Request.extractQueryParameters(request);
        List<String> command = query.getValues("command");
        if (command == null || command.isEmpty()) {
            return new Refusal(400, "you must specify at least one command for the container");
        }
        boolean stdin = flag(query, "stdin");
        boolean stdout = flag(query, "stdout");
        boolean stderr = flag(query, "stderr");
        boolean tty = flag(query, "tty");
        if (!stdin && !stdout && !stderr) {
            return new Refusal(400, "you must specify at least one of stdin, stdout, stderr");
        }
        Optional<String> protocol = protocol(request);
        if (protocol.isEmpty()) {
            return new Refusal(400, "expected a WebSocket upgrade with subprotocol " + String.join(" or ", PROTOCOLS));
        }
        Optional<LogSource.PodOnNode> on = source.pod(path.namespace(), path.pod());
        if (on.isEmpty()) {
            return new Refusal(404, "pod " + path.namespace() + "/" + path.pod() + " not found");
        }
        Process process;
        try {
            process = on.get().runtime().startExec(on.get().uid(), path.container(), List.copyOf(command), tty);
        } catch (IllegalStateException e) {
            return new Refusal(400, e.getMessage());
        }
        ExecSession session = new ExecSession(process, List.copyOf(command), stdin, stdout, stderr, tty);
        return new Upgrade(session, protocol, session::abandon);
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
}

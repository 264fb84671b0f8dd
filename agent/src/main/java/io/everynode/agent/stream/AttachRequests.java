package io.everynode.agent.stream;

import io.everynode.agent.Attachment;
import io.everynode.agent.logs.ContainerPath;
import io.everynode.agent.logs.EndpointRoutes;
import io.everynode.agent.logs.LogSource;
import io.everynode.agent.logs.OutputFollower;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * The {@code /attach/} route: checks the path {@code /attach/{namespace}/{pod}/{container}}, the
 * query ({@code stdin}, {@code stdout}, {@code stderr}, {@code tty}) and the subprotocol, asks the
 * pod's runtime for the container's {@link Attachment}, then upgrades to a WebSocket served by an
 * {@link AttachSession}. What goes wrong before the upgrade is a plain-text 400 or 404, as the
 * kubelet words it; the API server hands it to kubectl on the error channel.
 */
public final class AttachRequests implements EndpointRoutes.RouteHandler {
    static final String PREFIX = "/attach/";

    private final LogSource source;
    private final OutputFollower output;
    private final ServerWebSocketContainer websockets;

    /** @param server the endpoint's server, not yet started (the WebSocket container joins it) */
    public AttachRequests(LogSource source, Clock clock, Server server) {
        this.source = source;
        this.output = new OutputFollower(source, clock);
        this.websockets = ServerWebSocketContainer.ensure(server);
    }

    /** This route's entry in the endpoint's table. */
    public EndpointRoutes.Route route() {
        return new EndpointRoutes.Route(PREFIX, raw -> ContainerPath.nodeOf(PREFIX, raw, source), this);
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
            ExecRequests.refuse(
                    response, callback, 404, "404 page not found: expected /attach/{namespace}/{pod}/{container}");
            return;
        }
        Fields query = Request.extractQueryParameters(request);
        boolean stdin = ExecRequests.flag(query, "stdin");
        boolean stdout = ExecRequests.flag(query, "stdout");
        boolean stderr = ExecRequests.flag(query, "stderr");
        boolean tty = ExecRequests.flag(query, "tty");
        if (!stdin && !stdout && !stderr) {
            ExecRequests.refuse(response, callback, 400, "you must specify at least one of stdin, stdout, stderr");
            return;
        }
        Optional<String> protocol = ExecRequests.protocol(request);
        if (protocol.isEmpty()) {
            ExecRequests.refuse(
                    response,
                    callback,
                    400,
                    "expected a WebSocket upgrade with subprotocol " + String.join(" or ", ExecRequests.PROTOCOLS));
            return;
        }
        ContainerPath c = path.get();
        Optional<LogSource.PodOnNode> on = source.pod(c.namespace(), c.pod());
        if (on.isEmpty()) {
            ExecRequests.refuse(response, callback, 404, "pod " + c.namespace() + "/" + c.pod() + " not found");
            return;
        }
        Attachment attachment;
        try {
            attachment = on.get().runtime().attach(on.get().uid(), c.container());
        } catch (IllegalStateException e) {
            ExecRequests.refuse(response, callback, 400, e.getMessage());
            return;
        }
        if (stdin && attachment.stdin().isEmpty()) {
            ExecRequests.refuse(response, callback, 400, noStdin(c));
            return;
        }
        AttachSession session = new AttachSession(c, attachment, output, stdin, stdout, stderr, tty);
        boolean upgraded = websockets.upgrade(
                (req, resp, cb) -> {
                    resp.setAcceptedSubProtocol(protocol.get());
                    return session;
                },
                request,
                response,
                callback);
        if (!upgraded) ExecRequests.refuse(response, callback, 400, "expected a WebSocket upgrade");
    }

    /** The refusal of {@code kubectl attach -i} to a container that reads no stdin. */
    static String noStdin(ContainerPath c) {
        return "cannot attach to the stdin of container " + c.container() + " in pod " + c.pod()
                + ": the container does not have stdin: true, so its standard input is /dev/null";
    }
}

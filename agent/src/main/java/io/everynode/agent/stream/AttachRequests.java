package io.everynode.agent.stream;

import io.everynode.agent.Attachment;
import io.everynode.agent.logs.ContainerPath;
import io.everynode.agent.logs.EndpointRoutes;
import io.everynode.agent.logs.LogSource;
import io.everynode.agent.logs.OutputFollower;
import io.everynode.agent.stream.WebSocketRoute.Opening;
import io.everynode.agent.stream.WebSocketRoute.Refusal;
import io.everynode.agent.stream.WebSocketRoute.Upgrade;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Fields;

/**
 * The {@code /attach/} route: checks the path {@code /attach/{namespace}/{pod}/{container}}, the
 * query ({@code stdin}, {@code stdout}, {@code stderr}, {@code tty}) and the subprotocol, asks the
 * pod's runtime for the container's {@link Attachment}, then upgrades to a WebSocket served by an
 * {@link AttachSession} ({@link WebSocketRoute}). What goes wrong before the upgrade is a
 * plain-text 400 or 404, as the kubelet words it; the API server hands it to kubectl on the error
 * channel.
 */
public final class AttachRequests {
    static final String PREFIX = "/attach/";

    private final LogSource source;
    private final OutputFollower output;
    private final WebSocketRoute<ContainerPath> route;

    /** @param server the endpoint's server, not yet started (the WebSocket container joins it) */
    public AttachRequests(LogSource source, Clock clock, Server server) {
        this.source = source;
        this.output = new OutputFollower(source, clock);
        this.route = new WebSocketRoute<>(
                PREFIX,
                "/attach/{namespace}/{pod}/{container}",
                raw -> ContainerPath.parse(PREFIX, raw),
                raw -> ContainerPath.nodeOf(PREFIX, raw, source),
                this::open,
                server);
    }

    /** This route's entry in the endpoint's table. */
    public EndpointRoutes.Route route() {
        return route.route();
    }

    private Opening open(ContainerPath c, Request request) {
        Fields query = Request.extractQueryParameters(request);
        boolean stdin = ExecRequests.flag(query, "stdin");
        boolean stdout = ExecRequests.flag(query, "stdout");
        boolean stderr = ExecRequests.flag(query, "stderr");
        boolean tty = ExecRequests.flag(query, "tty");
        if (!stdin && !stdout && !stderr) {
            return new Refusal(400, "you must specify at least one of stdin, stdout, stderr");
        }
        Optional<String> protocol = ExecRequests.protocol(request);
        if (protocol.isEmpty()) {
            return new Refusal(
                    400,
                    "expected a WebSocket upgrade with subprotocol " + String.join(" or ", ExecRequests.PROTOCOLS));
        }
        Optional<LogSource.PodOnNode> on = source.pod(c.namespace(), c.pod());
        if (on.isEmpty()) {
            return new Refusal(404, "pod " + c.namespace() + "/" + c.pod() + " not found");
        }
        Attachment attachment;
        try {
            attachment = on.get().runtime().attach(on.get().uid(), c.container());
        } catch (IllegalStateException e) {
            return new Refusal(400, e.getMessage());
        }
        if (stdin && attachment.stdin().isEmpty()) {
            return new Refusal(400, noStdin(c));
        }
        return new Upgrade(new AttachSession(c, attachment, output, stdin, stdout, stderr, tty), protocol);
    }

    /** The refusal of {@code kubectl attach -i} to a container that reads no stdin. */
    static String noStdin(ContainerPath c) {
        return "cannot attach to the stdin of container " + c.container() + " in pod " + c.pod()
                + ": the container does not have stdin: true, so its standard input is /dev/null";
    }
}

package io.everynode.agent.stream;

import io.everynode.agent.logs.EndpointRoutes;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * What the endpoint's WebSocket routes (exec, attach, port-forward) share: the route entry for a
 * prefix, a 404 for a path of the wrong shape, the route's own checks ({@link Opener}), then the
 * upgrade to the session it names; anything refused before the upgrade is a plain-text answer, as
 * the kubelet words it. {@code P} is the parsed path a route's opener works on.
 */
public final class WebSocketRoute<P> implements EndpointRoutes.RouteHandler {
    /**
     * A session with no frames either way for this long is closed (kubectl pings every few
     * seconds). The endpoint's WebSocket container is one per server, so this is every route's.
     */
    static final Duration IDLE = Duration.ofHours(1);

    /** One route's checks of a request whose path has the right shape. */
    @FunctionalInterface
    public interface Opener<P> {
        Opening open(P path, Request request);
    }

    /** An opener's answer: {@link Upgrade} or {@link Refusal}. */
    public sealed interface Opening {}

    /**
     * Upgrade to {@code session} (a Jetty WebSocket endpoint), accepting {@code subprotocol} when
     * present; {@code abandon} runs when the upgrade does not happen (the session's resources go).
     */
    public record Upgrade(Object session, Optional<String> subprotocol, Runnable abandon) implements Opening {
        public Upgrade(Object session, Optional<String> subprotocol) {
            this(session, subprotocol, () -> {});
        }
    }

    /** A plain-text answer with {@code status} instead of the upgrade. */
    public record Refusal(int status, String message) implements Opening {}

    private final String prefix;
    private final String shape;
    private final Function<String, Optional<P>> parse;
    private final EndpointRoutes.NodeOf nodeOf;
    private final Opener<P> opener;
    private final ServerWebSocketContainer websockets;

    /**
     * @param prefix the route's path prefix, e.g. {@code /exec/}
     * @param shape the path the route takes, for the 404's message, e.g. {@code /exec/{namespace}/{pod}/{container}}
     * @param parse the raw path to {@code P}, empty when it has not the shape
     * @param nodeOf the node a raw path is about (for the endpoint's guard)
     * @param server the endpoint's server, not yet started (the WebSocket container joins it)
     */
    public WebSocketRoute(
            String prefix,
            String shape,
            Function<String, Optional<P>> parse,
            EndpointRoutes.NodeOf nodeOf,
            Opener<P> opener,
            Server server) {
        this.prefix = prefix;
        this.shape = shape;
        this.parse = parse;
        this.nodeOf = nodeOf;
        this.opener = opener;
        this.websockets = ServerWebSocketContainer.ensure(server);
        websockets.setIdleTimeout(IDLE);
    }

    /** This route's entry in the endpoint's table. */
    public EndpointRoutes.Route route() {
        return new EndpointRoutes.Route(prefix, nodeOf, this);
    }

    @Override
    public void serve(Request request, Response response) throws IOException {
        throw new UnsupportedOperationException("served with its callback");
    }

    @Override
    public void serve(Request request, Response response, Callback callback) throws IOException {
        Optional<P> path = parse.apply(request.getHttpURI().getPath());
        if (path.isEmpty()) {
            refuse(response, callback, new Refusal(404, "404 page not found: expected " + shape));
            return;
        }
        Opening opening = opener.open(path.get(), request);
        if (opening instanceof Refusal refusal) {
            refuse(response, callback, refusal);
            return;
        }
        Upgrade upgrade = (Upgrade) opening;
        boolean upgraded = websockets.upgrade(
                (req, resp, cb) -> {
                    upgrade.subprotocol().ifPresent(resp::setAcceptedSubProtocol);
                    return upgrade.session();
                },
                request,
                response,
                callback);
        if (!upgraded) {
            upgrade.abandon().run();
            refuse(response, callback, new Refusal(400, "expected a WebSocket upgrade"));
        }
    }

    private static void refuse(Response response, Callback callback, Refusal refusal) throws IOException {
        EndpointRoutes.text(response, refusal.status(), refusal.message());
        callback.succeeded();
    }
}

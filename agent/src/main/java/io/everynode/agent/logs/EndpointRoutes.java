package io.everynode.agent.logs;

import io.everynode.agent.endpointauth.EndpointGuard;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * The agent endpoint's route table: each request goes to the first {@link Route} whose prefix
 * starts its raw path, after the {@link EndpointGuard} (on a secure endpoint) let it through for
 * the node the route names; a path no route takes is 404. Adding a route (exec, stats) is one
 * more entry in the list {@link LogServer} builds. Handlers run on the server's pool and may block.
 */
public final class EndpointRoutes extends Handler.Abstract {
    /** Serves one request of a route; the route table completes the exchange afterwards. */
    public interface RouteHandler {
        void serve(Request request, Response response) throws IOException;

        /**
         * Serves one request and completes {@code callback}, now or later; a route that keeps the
         * exchange (a WebSocket upgrade) overrides this. By default: {@link #serve(Request, Response)}, then done.
         */
        default void serve(Request request, Response response, Callback callback) throws IOException {
            serve(request, response);
            callback.succeeded();
        }
    }

    /** Which node a request of a route is about (null: none this endpoint can tell). */
    public interface NodeOf {
        String node(String rawPath);
    }

    /** A route: requests whose raw path starts with {@code prefix}. */
    public record Route(String prefix, NodeOf nodeOf, RouteHandler handler) {}

    private final List<Route> routes;
    private final EndpointGuard guard;

    /** @param guard checks every request; null on a plain-HTTP endpoint, which checks nothing */
    EndpointRoutes(List<Route> routes, EndpointGuard guard) {
        this.routes = List.copyOf(routes);
        this.guard = guard;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            String path = request.getHttpURI().getPath();
            Route route = routes.stream()
                    .filter(r -> path != null && path.startsWith(r.prefix()))
                    .findFirst()
                    .orElse(null);
            if (guard != null) {
                Optional<EndpointGuard.Refusal> refused = guard.check(
                        peerCertificates(request),
                        request.getMethod(),
                        path,
                        route == null ? null : route.nodeOf().node(path));
                if (refused.isPresent()) {
                    text(response, refused.get().status(), refused.get().message());
                    callback.succeeded();
                    return true;
                }
            }
            if (route == null) {
                text(response, 404, "404 page not found");
                callback.succeeded();
            } else {
                route.handler().serve(request, response, callback);
            }
        } catch (Throwable t) {
            callback.failed(t);
        }
        return true;
    }

    /** A plain-text answer, as the kubelet words its errors. */
    public static void text(Response response, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(true, ByteBuffer.wrap(body), cb);
            cb.block();
        }
    }

    /** The client certificate chain the handshake verified against the cluster CA (leaf first); empty without one. */
    private static List<X509Certificate> peerCertificates(Request request) {
        if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl))
            return List.of();
        X509Certificate[] chain = ssl.peerCertificates();
        return chain == null ? List.of() : List.of(chain);
    }
}

package io.everynode.dashboard;

import io.everynode.client.ClientConfig;
import io.everynode.client.HttpTransport;
import io.everynode.client.KubeClient;
import java.net.URI;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Clients that call the API as the dashboard's caller: over HTTP to the very port the request
 * came in on, with the caller's bearer token and nothing else (no client certificate of the
 * server's). So the API authenticates and authorizes every read and write of a dashboard
 * endpoint exactly as if the browser had made it: RBAC sees the caller, never the server.
 */
final class CallerClients {
    static final String USER_AGENT = "everynode-dashboard";

    private final SSLContext trust;
    private final DashboardConfig config;

    CallerClients(DashboardConfig config) {
        this.config = config;
        this.trust = config.apiTrust();
    }

    /**
     * The bearer token of {@code request}'s Authorization header; empty without the header.
     *
     * @throws NotABearerToken for an Authorization header that is not a bearer token
     */
    static Optional<String> bearerToken(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || header.isBlank()) return Optional.empty();
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
            throw new NotABearerToken();
        }
        return Optional.of(parts[1].trim());
    }

    /** The request's Authorization header is not {@code Bearer TOKEN}: the dashboard forwards nothing else. */
    static final class NotABearerToken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotABearerToken() {
            super("the dashboard signs in with a bearer token (Authorization: Bearer ...)");
        }
    }

    /** The API on the very address and port {@code request} came in on. */
    static URI apiBase(Request request) {
        String host = Request.getLocalAddr(request);
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create((request.isSecure() ? "https://" : "http://") + host + ":" + Request.getLocalPort(request));
    }

    /** A client acting as {@code request}'s caller; the caller closes it. */
    KubeClient forCaller(Request request) {
        String token = bearerToken(request).orElse(null);
        URI base = apiBase(request);
        ClientConfig client = ClientConfig.defaults().withUserAgent(USER_AGENT);
        return new KubeClient(
                new HttpTransport(base, client, request.isSecure() ? trust : null, token, config.clock()),
                client,
                config.clock());
    }
}

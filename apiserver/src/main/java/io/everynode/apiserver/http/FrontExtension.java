package io.everynode.apiserver.http;

import io.everynode.apiserver.auth.Authenticator;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;

/**
 * A handler the HTTP front serves beside the API, on the same port, under a path prefix of its
 * own (the dashboard at {@code /dashboard/}). The API's authentication and authorization never
 * see these requests, so an extension must serve only what needs no identity (static assets)
 * or act with the caller's own credentials, by calling the API with them; it is never a way
 * around the API's checks. A prefix that could shadow an API path is refused, so an extension
 * cannot answer in the API's place.
 *
 * @param pathPrefix where the extension is served, starting and ending with {@code /} (a request
 *     for the prefix without its last slash is redirected to it)
 * @param handler the Jetty handler that answers every request under the prefix
 * @param authenticators credentials the extension issues that the API accepts too (the
 *     dashboard's sessions for a signed-in client certificate): each must recognise only its own
 *     kind and name only users the API itself authenticated (SecurityConfig#extraAuthenticators)
 */
public record FrontExtension(String pathPrefix, Handler handler, List<Authenticator> authenticators) {
    /** An extension that issues no credentials. */
    public FrontExtension(String pathPrefix, Handler handler) {
        this(pathPrefix, handler, List.of());
    }

    /** The API's own path roots (routes, health, discovery, OIDC): no extension may sit under one. */
    static final List<String> API_ROOTS = List.of(
            "/api",
            "/apis",
            "/healthz",
            "/livez",
            "/readyz",
            "/version",
            "/openapi",
            "/metrics",
            "/logs",
            "/.well-known",
            "/openid");

    public FrontExtension {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        authenticators = authenticators == null ? List.of() : List.copyOf(authenticators);
        if (!pathPrefix.startsWith("/") || !pathPrefix.endsWith("/") || pathPrefix.length() < 3) {
            throw new IllegalArgumentException(
                    "an extension's path prefix starts and ends with / and names something, e.g. /dashboard/; got "
                            + pathPrefix);
        }
        for (String root : API_ROOTS) {
            if (pathPrefix.equals(root + "/") || pathPrefix.startsWith(root + "/")) {
                throw new IllegalArgumentException("path prefix " + pathPrefix + " lies under the API's " + root
                        + ": an extension may not shadow it");
            }
        }
    }

    /** Whether {@code path} is this extension's. */
    boolean serves(String path) {
        return path.startsWith(pathPrefix);
    }

    /** Whether {@code path} is the prefix without its last slash ({@code /dashboard}), which redirects. */
    boolean isBare(String path) {
        return path.length() == pathPrefix.length() - 1 && pathPrefix.startsWith(path);
    }
}

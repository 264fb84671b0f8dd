package io.everynode.dashboard;

import io.everynode.advisor.DaemonSetKind;
import io.everynode.api.json.Json;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.dashboard.cluster.ClusterStream;
import io.everynode.dashboard.cluster.EventFilter;
import io.everynode.dashboard.fleet.FleetStream;
import io.everynode.dashboard.signin.CertificateSignIn;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything under {@link Dashboard#PREFIX}: the assets (public: they hold no data), and
 * endpoints that act only as the caller ({@link CallerClients}), each on a DaemonSet of either
 * kind (the {@code kind} parameter, {@link #kind}): {@code api/fleet} (the live
 * grid, newline-delimited JSON), {@code api/cluster} (the cluster view; both streams
 * served by {@link LiveStreams}),
 * {@code api/why} (the why panel), {@code api/rollout-undo} (the undo button, {@link
 * RolloutUndoEndpoint}) and {@code api/kubeconfig-token} (signing in with a kubeconfig file: its
 * token, or a session for its client certificate). Refusals are Kubernetes Status objects; the API's own
 * when the API refused the caller.
 *
 * <p>Lifecycle: a Jetty bean of the HTTP front; stopping the front ends every open fleet stream
 * and the flush scheduler.
 */
final class DashboardHandler extends Handler.Abstract {
    /** A kubeconfig is a few KiB; anything past this is not one. */
    private static final int MAX_KUBECONFIG_BYTES = 1 << 20;
    /** The pages load scripts and styles from this server only and call only this server. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final DashboardConfig config;
    private final Assets assets = new Assets();
    private final CallerClients callers;
    private final WhyEndpoint why;
    private final RolloutUndoEndpoint undo = new RolloutUndoEndpoint();
    private final LiveStreams live;
    private final CertificateSignIn certificates;
    private ScheduledExecutorService flusher;

    DashboardHandler(DashboardConfig config, CertificateSignIn certificates) {
        this.config = config;
        this.callers = new CallerClients(config);
        this.why = new WhyEndpoint(config.clock());
        this.live = new LiveStreams(config);
        this.certificates = certificates;
    }

    @Override
    protected void doStart() throws Exception {
        flusher = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "everynode-dashboard-flush");
            t.setDaemon(true);
            return t;
        });
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        live.stopAll();
        flusher.shutdownNow();
        super.doStop();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String relative = request.getHttpURI().getPath().substring(Dashboard.PREFIX.length());
        String method = request.getMethod();
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        try {
            switch (relative) {
                case "api/fleet" -> {
                    if (!allowed(method, "GET", response, callback)) return true;
                    fleet(request, response, callback);
                }
                case "api/why" -> {
                    if (!allowed(method, "GET", response, callback)) return true;
                    why(request, response, callback);
                }
                case "api/rollout-undo" -> {
                    if (!allowed(method, "POST", response, callback)) return true;
                    rolloutUndo(request, response, callback);
                }
                case "api/cluster" -> {
                    if (!allowed(method, "GET", response, callback)) return true;
                    cluster(request, response, callback);
                }
                case "api/session" -> {
                    if (!allowed(method, "DELETE", response, callback)) return true;
                    CallerClients.bearerToken(request).ifPresent(certificates::signOut);
                    Replies.send(response, callback, 204, "application/json", new byte[0]);
                }
                case "api/kubeconfig-token" -> {
                    if (!allowed(method, "POST", response, callback)) return true;
                    kubeconfigToken(request, response, callback);
                }
                default -> asset(relative, method, response, callback);
            }
        } catch (CallerClients.NotABearerToken e) {
            Replies.failure(response, callback, 401, "Unauthorized", e.getMessage(), null);
        }
        return true;
    }

    private static boolean allowed(String method, String expected, Response response, Callback callback) {
        if (method.equals(expected)) return true;
        response.getHeaders().put(HttpHeader.ALLOW, expected);
        Replies.failure(
                response, callback, 405, "MethodNotAllowed", method + " is not supported here; use " + expected, null);
        return false;
    }

    private void asset(String relative, String method, Response response, Callback callback) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            allowed(method, "GET", response, callback);
            return;
        }
        var asset = assets.get(relative);
        if (asset.isEmpty()) {
            Replies.failure(response, callback, 404, "NotFound", "the dashboard has no " + relative, null);
            return;
        }
        response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        Replies.send(
                response, callback, 200, asset.get().contentType(), asset.get().body());
    }

    private void why(Request request, Response response, Callback callback) {
        Fields q = Request.extractQueryParameters(request);
        String missing = firstMissing(q, "namespace", "name", "node");
        if (missing != null) {
            Replies.failure(
                    response, callback, 400, "BadRequest", "query parameter " + missing + " is required", missing);
            return;
        }
        DaemonSetKind kind = kind(q, response, callback);
        if (kind == null) return;
        try (KubeClient caller = callers.forCaller(request)) {
            byte[] body = why.answer(caller, kind, q.getValue("namespace"), q.getValue("name"), q.getValue("node"));
            Replies.send(response, callback, 200, "application/json", body);
        } catch (ApiError e) {
            Replies.failure(response, callback, e);
        } catch (CallerClients.NotABearerToken e) {
            throw e;
        } catch (RuntimeException e) {
            Replies.failure(
                    response, callback, 503, "ServiceUnavailable", "cannot answer why: " + e.getMessage(), null);
        }
    }

    private void rolloutUndo(Request request, Response response, Callback callback) {
        Fields q = Request.extractQueryParameters(request);
        String missing = firstMissing(q, "namespace", "name");
        if (missing != null) {
            Replies.failure(
                    response, callback, 400, "BadRequest", "query parameter " + missing + " is required", missing);
            return;
        }
        DaemonSetKind kind = kind(q, response, callback);
        if (kind == null) return;
        long toRevision = toRevision(q.getValue("toRevision"));
        if (toRevision < 0) {
            Replies.failure(
                    response,
                    callback,
                    400,
                    "BadRequest",
                    "toRevision must be a revision number, or 0 (or absent) for the previous revision",
                    "toRevision");
            return;
        }
        try (KubeClient caller = callers.forCaller(request)) {
            var outcome = undo.undo(caller, kind, q.getValue("namespace"), q.getValue("name"), toRevision);
            Replies.send(response, callback, 200, "application/json", outcome.json());
        } catch (ApiError e) {
            Replies.failure(response, callback, e);
        } catch (RolloutUndoEndpoint.NothingToUndo e) {
            Replies.failure(response, callback, 400, "BadRequest", e.getMessage(), null);
        } catch (CallerClients.NotABearerToken e) {
            throw e;
        } catch (RuntimeException e) {
            Replies.failure(response, callback, 503, "ServiceUnavailable", "cannot undo: " + e.getMessage(), null);
        }
    }

    /** {@code kubectl rollout undo --to-revision}: absent or empty is 0; anything but a whole number ≥ 0 is -1. */
    private static long toRevision(String value) {
        if (value == null || value.isEmpty()) return 0;
        try {
            return Math.max(-1, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void kubeconfigToken(Request request, Response response, Callback callback) throws IOException {
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(MAX_KUBECONFIG_BYTES + 1);
        }
        if (body.length > MAX_KUBECONFIG_BYTES) {
            Replies.failure(
                    response, callback, 413, "RequestEntityTooLarge", "a kubeconfig is at most 1 MiB", "kubeconfig");
            return;
        }
        KubeconfigToken.Result r = KubeconfigToken.of(body);
        if (r.usesCertificate()) {
            certificateSignIn(request, body, response, callback);
            return;
        }
        if (r.token() == null) {
            Replies.failure(response, callback, 422, "Invalid", r.problem(), r.field());
            return;
        }
        ObjectNode out = Json.object();
        out.put("token", r.token());
        Replies.json(response, callback, 200, out);
    }

    /** A session for the user the API names the kubeconfig's client certificate (signin.CertificateSignIn). */
    private void certificateSignIn(Request request, byte[] kubeconfig, Response response, Callback callback) {
        CertificateSignIn.Outcome o = certificates.signIn(kubeconfig, CallerClients.apiBase(request));
        if (o.session() == null) {
            Replies.failure(response, callback, 422, "Invalid", o.problem(), o.field());
            return;
        }
        ObjectNode out = Json.object();
        out.put("token", o.session().token());
        out.put("user", o.user());
        out.put("expires", o.session().expires().toString());
        Replies.json(response, callback, 200, out);
    }

    private void fleet(Request request, Response response, Callback callback) {
        Fields q = Request.extractQueryParameters(request);
        String missing = firstMissing(q, "namespace", "name");
        if (missing != null) {
            Replies.failure(
                    response, callback, 400, "BadRequest", "query parameter " + missing + " is required", missing);
            return;
        }
        DaemonSetKind kind = kind(q, response, callback);
        if (kind == null) return;
        KubeClient caller = callers.forCaller(request);
        live.serve(
                response,
                callback,
                flusher,
                caller,
                (sink, pings) -> new FleetStream(
                        caller, kind, q.getValue("namespace"), q.getValue("name"), sink, pings, config.clock()),
                "the fleet");
    }

    /**
     * {@code api/cluster?kind=&namespace=&name=}: the cluster view's stream, the events filtered by
     * the involved object the query names (every part optional). A caller who may not list nodes
     * gets the API's 403 Status.
     */
    private void cluster(Request request, Response response, Callback callback) {
        Fields q = Request.extractQueryParameters(request);
        EventFilter filter = new EventFilter(q.getValue("kind"), q.getValue("namespace"), q.getValue("name"));
        KubeClient caller = callers.forCaller(request);
        live.serve(
                response,
                callback,
                flusher,
                caller,
                (sink, pings) -> new ClusterStream(caller, filter, sink, pings),
                "the cluster");
    }

    /**
     * The DaemonSet's kind from the {@code kind} parameter, in kubectl's names ({@code ds},
     * {@code daemonsets}, {@code ads}, {@code daemonsets.apps.kruise.io} ...); apps/v1 without it.
     * Null after answering 400 for a name that is neither kind.
     */
    private static DaemonSetKind kind(Fields q, Response response, Callback callback) {
        String value = q.getValue("kind");
        if (value == null || value.isBlank()) return DaemonSetKind.APPS;
        var kind = DaemonSetKind.ofResource(value.trim());
        if (kind.isEmpty()) {
            Replies.failure(
                    response,
                    callback,
                    400,
                    "BadRequest",
                    "kind \"" + value + "\" is not a DaemonSet kind; use ds (apps/v1) or ads (apps.kruise.io/v1alpha1)",
                    "kind");
            return null;
        }
        return kind.get();
    }

    private static String firstMissing(Fields q, String... names) {
        for (String n : names) {
            String v = q.getValue(n);
            if (v == null || v.isBlank()) return n;
        }
        return null;
    }
}

package io.everynode.apiserver.auth;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who may do what: authentication, then authorization, for every request the API serves
 * (upstream's authentication and authorization filters, in that order).
 *
 * <p>Authentication asks each {@link Authenticator} in turn. A request none of them recognises
 * is {@link UserInfo#ANONYMOUS}: it may read {@link #PUBLIC_PATHS}, and whatever the authorizers
 * grant {@code system:anonymous} or {@code system:unauthenticated} (kubeadm's cluster-info
 * ConfigMap, which joining nodes read before they have credentials); anything else is answered
 * 401 Unauthorized, not 403, so a client knows to send credentials. With {@code openLoopback} (the in-process test setups and their plain-HTTP loopback fronts) a
 * request without credentials is served as {@link #UNSECURED} instead, as upstream's retired
 * insecure port did.
 *
 * <p>Authorization: members of {@link UserInfo#MASTERS} may do anything; otherwise each
 * {@link Authorizer} is asked in order and the first that allows or denies decides; a request
 * none allows is answered 403 with upstream's message, ending in the reasons the modes gave.
 */
public final class AccessControl {
    /** What anonymous requests may read (upstream's system:public-info-viewer). */
    public static final Set<String> PUBLIC_PATHS = Set.of("/healthz", "/livez", "/readyz", "/version");

    /** Who a request without credentials is when the server is open on loopback (upstream's insecure port user). */
    public static final UserInfo UNSECURED =
            new UserInfo("system:unsecured", "", List.of(UserInfo.MASTERS, UserInfo.AUTHENTICATED), java.util.Map.of());

    private final List<Authenticator> authenticators;
    private final List<Authorizer> authorizers;
    private final boolean openLoopback;

    public AccessControl(List<Authenticator> authenticators, List<Authorizer> authorizers, boolean openLoopback) {
        this.authenticators = List.copyOf(authenticators);
        this.authorizers = List.copyOf(authorizers);
        this.openLoopback = openLoopback;
    }

    /** Everyone may do everything: for servers reachable only in process or on loopback in tests. */
    public static AccessControl open() {
        return new AccessControl(List.of(), List.of(), true);
    }

    /**
     * Who {@code req} runs as: the identity an in-process client set, else the first
     * authenticator's answer, else anonymous (or {@link #UNSECURED} when open); then, when it
     * asks to act as someone else and may, that user ({@link Impersonation}).
     *
     * @throws ApiException 401 for a bad credential; 403 for an impersonation not allowed
     */
    public UserInfo authenticate(ApiRequest req) {
        return Impersonation.apply(req, who(req), this::decide);
    }

    private UserInfo who(ApiRequest req) {
        if (req.user() != null) return req.user();
        for (Authenticator a : authenticators) {
            Optional<UserInfo> u = a.authenticate(req);
            if (u.isPresent()) return u.get();
        }
        return openLoopback ? UNSECURED : UserInfo.ANONYMOUS;
    }

    /** The decision on {@code attrs}: masters always pass, then the first authorizer with an opinion. */
    public Authorizer.Decision decide(RequestAttributes attrs) {
        if (attrs.user().inGroup(UserInfo.MASTERS)) return Authorizer.Decision.allow("");
        if (!attrs.resourceRequest() && attrs.verb().equals("get") && PUBLIC_PATHS.contains(trimSlash(attrs.path())))
            return Authorizer.Decision.allow("public path");
        // No opinion carries the reasons the modes gave, joined as upstream's union authorizer
        // does (the Node authorizer's "no relationship found ..." reaches the 403 message).
        List<String> reasons = new java.util.ArrayList<>();
        for (Authorizer a : authorizers) {
            Authorizer.Decision d = a.authorize(attrs);
            if (d.kind() != Authorizer.Kind.NO_OPINION) return d;
            if (!d.reason().isEmpty()) reasons.add(d.reason());
        }
        return reasons.isEmpty()
                ? Authorizer.Decision.NO_OPINION
                : new Authorizer.Decision(Authorizer.Kind.NO_OPINION, String.join("\n", reasons));
    }

    /**
     * @throws ApiException unless {@code attrs} is allowed: 401 for an anonymous user, else 403
     *     with upstream's message
     */
    public void authorize(RequestAttributes attrs) {
        enforce(attrs, decide(attrs));
    }

    /**
     * Answers {@link #decide}'s decision {@code d} on {@code attrs}, for a caller that looked at
     * it first (the audit log records it).
     *
     * @throws ApiException unless {@code d} allows: 401 for an anonymous user, else 403
     */
    public void enforce(RequestAttributes attrs, Authorizer.Decision d) {
        if (d.allowed()) return;
        if (attrs.user().equals(UserInfo.ANONYMOUS)) throw unauthorized();
        throw forbidden(attrs, d.reason());
    }

    /** Upstream's 401 answer. */
    public static ApiException unauthorized() {
        return Statuses.failure(401, "Unauthorized", "Unauthorized", null);
    }

    /**
     * Upstream's 403 answer: {@code pods "x" is forbidden: User "u" cannot get resource "pods" in
     * API group "" in the namespace "default"} ({@code deployments.apps "d" is forbidden: ... cannot
     * patch resource "deployments/scale" in API group "apps" ...} for a subresource of a group),
     * then {@code : reason} when the authorizer gave one.
     */
    public static ApiException forbidden(RequestAttributes a, String reason) {
        String suffix = reason == null || reason.isEmpty() ? "" : ": " + reason;
        if (!a.resourceRequest()) {
            return Statuses.failure(
                    403,
                    "Forbidden",
                    "forbidden: User \"" + a.user().name() + "\" cannot " + a.verb() + " path \"" + a.path() + "\""
                            + suffix,
                    null);
        }
        // the subject is the group-qualified resource ("deployments.apps"), the subresource only in the verb's object
        String what = a.resourceWithSubresource();
        String qualified = a.apiGroup().isEmpty() ? a.resource() : a.resource() + "." + a.apiGroup();
        String subject = a.name().isEmpty() ? qualified : qualified + " \"" + a.name() + "\"";
        String scope = a.namespace().isEmpty() ? "at the cluster scope" : "in the namespace \"" + a.namespace() + "\"";
        String message = subject + " is forbidden: User \"" + a.user().name() + "\" cannot " + a.verb() + " resource \""
                + what + "\" in API group \"" + a.apiGroup() + "\" " + scope + suffix;
        ObjectNode details = Json.object();
        if (!a.name().isEmpty()) details.put("name", a.name());
        details.put("group", a.apiGroup());
        details.put("kind", a.resource());
        return Statuses.failure(403, "Forbidden", message, details);
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}

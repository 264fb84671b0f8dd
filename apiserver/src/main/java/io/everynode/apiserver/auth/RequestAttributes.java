package io.everynode.apiserver.auth;

import io.everynode.api.selector.FieldSelector;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.rest.Route;
import java.util.Locale;
import java.util.Optional;

/**
 * What a request asks to do, in the terms authorizers decide on (upstream's
 * {@code authorizer.Attributes} built from its RequestInfo).
 *
 * <p>Resource requests: verb {@code get}, {@code list}, {@code watch}, {@code create},
 * {@code update}, {@code patch}, {@code delete} or {@code deletecollection}; the group (empty for
 * the core group), version, resource, subresource, namespace and name of the path. A request on
 * a namespace object itself ({@code /api/v1/namespaces/NAME}) has that name as its namespace too,
 * so a RoleBinding in a namespace can grant reading that namespace. Non-resource requests
 * ({@code /healthz}, {@code /version}, discovery): the lower-case HTTP method as verb and the
 * path.
 *
 * <p>A list or watch whose field selector requires {@code metadata.name=X} carries X as its name,
 * as upstream's RequestInfo does: the kubelet watches one Secret or ConfigMap that way, and a
 * node may read only the objects its pods name.
 */
public record RequestAttributes(
        UserInfo user,
        String verb,
        boolean resourceRequest,
        String apiGroup,
        String apiVersion,
        String resource,
        String subresource,
        String namespace,
        String name,
        String path) {

    public RequestAttributes {
        apiGroup = nz(apiGroup);
        apiVersion = nz(apiVersion);
        resource = nz(resource);
        subresource = nz(subresource);
        namespace = nz(namespace);
        name = nz(name);
        path = nz(path);
    }

    /** The attributes of {@code req} by {@code user}, with its route when it is a resource path. */
    public static RequestAttributes of(ApiRequest req, Optional<Route> route, UserInfo user) {
        if (route.isEmpty()) {
            return new RequestAttributes(
                    user, req.method().toLowerCase(Locale.ROOT), false, "", "", "", "", "", "", req.path());
        }
        Route r = route.get();
        String verb = resourceVerb(req, r);
        String namespace = r.namespace();
        if (r.type().resource().equals("namespaces") && r.name() != null) namespace = r.name();
        String name = r.name();
        if (name == null && (verb.equals("list") || verb.equals("watch"))) name = selectedName(req);
        return new RequestAttributes(
                user,
                verb,
                true,
                r.type().group(),
                r.type().version(),
                r.type().resource(),
                r.subresource(),
                namespace,
                name,
                req.path());
    }

    /** A resource request built by hand (SubjectAccessReview, can-i checks). */
    public static RequestAttributes resource(
            UserInfo user,
            String verb,
            String group,
            String resource,
            String subresource,
            String namespace,
            String name) {
        return new RequestAttributes(user, verb, true, group, "", resource, subresource, namespace, name, "");
    }

    /** The name a {@code metadata.name=X} field selector requires, or null (none, or one that does not parse). */
    private static String selectedName(ApiRequest req) {
        String fs = req.param("fieldSelector");
        if (fs == null || fs.isBlank()) return null;
        try {
            return FieldSelector.parse(fs).requiredValue("metadata.name");
        } catch (IllegalArgumentException e) {
            return null; // the list itself answers 400 for it
        }
    }

    /** Subresources whose GET opens a stream into a container. */
    private static final java.util.Set<String> STREAMING = java.util.Set.of("exec", "attach", "portforward");

    private static String resourceVerb(ApiRequest req, Route r) {
        return switch (req.method()) {
            case "GET", "HEAD" -> {
                if (req.flag("watch")) yield "watch";
                // upstream since 1.35: a WebSocket exec is a GET, authorized as the create it is
                if (r.subresource() != null && STREAMING.contains(r.subresource())) yield "create";
                yield r.collection() ? "list" : "get";
            }
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> r.collection() ? "deletecollection" : "delete";
            default -> req.method().toLowerCase(Locale.ROOT);
        };
    }

    /** "pods" or "pods/log": the resource as RBAC rules and messages name it. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

package io.everynode.apiserver.auth.tokens;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.Registry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TokenRequest API ({@code POST .../serviceaccounts/NAME/token}, authentication.k8s.io/v1),
 * as upstream's token REST storage: {@code spec.audiences} default to the issuer,
 * {@code spec.expirationSeconds} to 3600 and must lie between 10 minutes and 2^32 seconds
 * (upstream's validation messages), and a {@code spec.boundObjectRef} to a Pod, Secret or Node
 * must name an object that exists (with that uid when one is given; a pod must run as this
 * account), else the token is not issued. A pod-bound token also names the pod's node. The
 * answer is the request with its defaults and {@code status.token} and
 * {@code status.expirationTimestamp}.
 */
public final class TokenRequests {
    public static final long DEFAULT_EXPIRATION_SECONDS = 3600;
    static final long MIN_EXPIRATION_SECONDS = 600;
    static final long MAX_EXPIRATION_SECONDS = 1L << 32;
    private static final String KIND = "TokenRequest";
    private static final String GROUP = "authentication.k8s.io";

    private final Registry registry;
    private final TokenSigner signer;
    private final String issuer;
    private final Clock clock;
    private final Supplier<String> ids;

    /** @param ids the {@code jti} of each token issued (random UUIDs in the server) */
    public TokenRequests(Registry registry, TokenSigner signer, String issuer, Clock clock, Supplier<String> ids) {
        this.registry = registry;
        this.signer = signer;
        this.issuer = issuer;
        this.clock = clock;
        this.ids = ids;
    }

    /** Issues a token for ServiceAccount {@code namespace/name} as {@code request} asks. */
    public ObjectNode create(String namespace, String name, JsonNode request) {
        ObjectNode sa = registry.get(ResourceTypes.SERVICE_ACCOUNTS, namespace, name);
        if (!request.isObject()) throw Statuses.badRequest("the request body is not a TokenRequest object");
        String kind = Json.text(request, "kind");
        if (kind != null && !kind.equals(KIND)) throw Statuses.badRequest("expected a TokenRequest, not a " + kind);
        ObjectNode spec =
                request.path("spec").isObject() ? ((ObjectNode) request.path("spec")).deepCopy() : Json.object();
        List<String> audiences = new ArrayList<>();
        for (JsonNode a : spec.path("audiences")) audiences.add(a.asString(""));
        if (audiences.isEmpty()) {
            audiences.add(issuer);
            spec.putArray("audiences").add(issuer);
        }
        long seconds = spec.path("expirationSeconds").isNumber()
                ? spec.path("expirationSeconds").asLong()
                : DEFAULT_EXPIRATION_SECONDS;
        spec.put("expirationSeconds", seconds);
        validate(name, seconds);
        Bound bound = bound(namespace, name, spec.path("boundObjectRef"));
        Instant now = clock.instant();
        Instant expiry = now.plusSeconds(seconds);
        TokenClaims claims = new TokenClaims(
                issuer,
                audiences,
                now,
                expiry,
                ids.get(),
                namespace,
                new TokenClaims.Ref(name, Meta.uid(sa)),
                bound.pod,
                bound.secret,
                bound.node);
        ObjectNode out = Json.object();
        out.put("kind", KIND);
        out.put("apiVersion", GROUP + "/v1");
        ObjectNode meta = out.putObject("metadata");
        meta.put("name", name);
        meta.put("namespace", namespace);
        meta.put("creationTimestamp", Meta.time(now));
        out.set("spec", spec);
        ObjectNode status = out.putObject("status");
        status.put("token", signer.sign(claims));
        status.put("expirationTimestamp", Meta.time(expiry));
        return out;
    }

    private static void validate(String name, long seconds) {
        String message = null;
        if (seconds < MIN_EXPIRATION_SECONDS) message = "may not specify a duration less than 10 minutes";
        else if (seconds > MAX_EXPIRATION_SECONDS) message = "may not specify a duration larger than 2^32 seconds";
        if (message == null) return;
        throw Statuses.invalid(
                GROUP,
                KIND,
                name,
                List.of(new Statuses.Cause(
                        "spec.expirationSeconds", "FieldValueInvalid", "Invalid value: " + seconds + ": " + message)));
    }

    private record Bound(TokenClaims.Ref pod, TokenClaims.Ref secret, TokenClaims.Ref node) {}

    private Bound bound(String namespace, String saName, JsonNode ref) {
        if (!ref.isObject()) return new Bound(null, null, null);
        String kind = Json.text(ref, "kind");
        String apiVersion = Json.text(ref, "apiVersion");
        String name = Json.text(ref, "name");
        String uid = Json.text(ref, "uid");
        if (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals("v1"))
            throw Statuses.badRequest("cannot bind token to object of type " + apiVersion + ", Kind=" + kind);
        ResourceType type = switch (kind == null ? "" : kind) {
            case "Pod" -> ResourceTypes.PODS;
            case "Secret" -> ResourceTypes.SECRETS;
            case "Node" -> ResourceTypes.NODES;
            default -> throw Statuses.badRequest("cannot bind token to object of type /v1, Kind=" + kind);
        };
        if (name == null || name.isEmpty())
            throw Statuses.badRequest("the bound object reference needs the name of the " + kind);
        ObjectNode obj = registry.get(type, type.namespaced() ? namespace : null, name);
        String actual = Meta.uid(obj);
        if (uid != null && !uid.isEmpty() && !uid.equals(actual)) {
            throw Statuses.conflict(
                    "",
                    kind,
                    name,
                    "the UID in the bound object reference (" + uid
                            + ") does not match the UID in record. The object might have been deleted and then"
                            + " recreated");
        }
        TokenClaims.Ref self = new TokenClaims.Ref(name, actual);
        return switch (kind) {
            case "Pod" -> {
                String podSa = Json.text(obj.path("spec"), "serviceAccountName");
                if (!saName.equals(podSa)) {
                    throw Statuses.badRequest("cannot bind token for serviceaccount \"" + saName
                            + "\" to pod running with different serviceaccount name.");
                }
                yield new Bound(self, null, node(Json.text(obj.path("spec"), "nodeName")));
            }
            case "Secret" -> new Bound(null, self, null);
            default -> new Bound(null, null, self);
        };
    }

    /** The pod's node as a claim, when the pod is scheduled and the node exists. */
    private TokenClaims.Ref node(String nodeName) {
        if (nodeName == null || nodeName.isEmpty()) return null;
        ObjectNode node = registry.lookup().get(ResourceTypes.NODES, null, nodeName);
        return node == null ? null : new TokenClaims.Ref(nodeName, Meta.uid(node));
    }
}

package io.everynode.apiserver.auth.tokens;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.auth.AccessControl;
import io.everynode.apiserver.auth.Authenticator;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.WriteContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bearer ServiceAccount tokens (upstream's service-account token authenticator). A valid token
 * whose ServiceAccount, and bound pod, secret or node, still exist with the uids it names (and
 * are not being deleted) is the user {@code system:serviceaccount:NS:NAME} with the account's
 * uid, in {@code system:serviceaccounts}, {@code system:serviceaccounts:NS} and
 * {@code system:authenticated}, with upstream's extra values: {@code
 * authentication.kubernetes.io/credential-id} ({@code JTI=...}), and the bound pod's and node's
 * names and uids. Any other JWT is refused with 401; a bearer token that is not a JWT is left to
 * the next authenticator.
 */
public final class ServiceAccountTokenAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountTokenAuthenticator.class);
    private static final String EXTRA = "authentication.kubernetes.io/";

    private final TokenVerifier verifier;
    private final WriteContext.Lookup objects;

    /** @param objects where the accounts and bound objects are looked up (the watch cache) */
    public ServiceAccountTokenAuthenticator(TokenVerifier verifier, WriteContext.Lookup objects) {
        this.verifier = verifier;
        this.objects = objects;
    }

    @Override
    public Optional<UserInfo> authenticate(ApiRequest request) {
        String token = bearer(request.header("authorization"));
        if (token == null) return Optional.empty();
        try {
            Optional<TokenClaims> claims = verifier.verify(token);
            if (claims.isEmpty()) return Optional.empty();
            return Optional.of(user(claims.get()));
        } catch (TokenVerifier.InvalidToken e) {
            LOG.info("refused a ServiceAccount token for {} {}: {}", request.method(), request.path(), e.getMessage());
            throw AccessControl.unauthorized();
        }
    }

    /** The user a verified token stands for, once the objects it names are checked. */
    UserInfo user(TokenClaims c) throws TokenVerifier.InvalidToken {
        String ns = c.namespace();
        ObjectNode sa = live(ResourceTypes.SERVICE_ACCOUNTS, ns, c.serviceAccount(), "service account");
        Map<String, List<String>> extra = new LinkedHashMap<>();
        if (c.pod() != null) {
            live(ResourceTypes.PODS, ns, c.pod(), "pod");
            extra.put(EXTRA + "pod-name", List.of(c.pod().name()));
            extra.put(EXTRA + "pod-uid", List.of(c.pod().uid()));
        }
        if (c.secret() != null) live(ResourceTypes.SECRETS, ns, c.secret(), "secret");
        if (c.node() != null) {
            // A pod-bound token names its node for information; only a node-bound one depends on it.
            if (c.pod() == null) live(ResourceTypes.NODES, null, c.node(), "node");
            extra.put(EXTRA + "node-name", List.of(c.node().name()));
            extra.put(EXTRA + "node-uid", List.of(c.node().uid()));
        }
        if (!c.id().isEmpty()) extra.put(EXTRA + "credential-id", List.of("JTI=" + c.id()));
        return UserInfo.authenticated(
                c.subject(),
                Meta.uid(sa),
                List.of(UserInfo.SERVICE_ACCOUNTS, UserInfo.SERVICE_ACCOUNTS + ":" + ns),
                extra);
    }

    private ObjectNode live(ResourceType type, String ns, TokenClaims.Ref ref, String what)
            throws TokenVerifier.InvalidToken {
        ObjectNode o = objects.get(type, ns, ref.name());
        String where = ns == null ? ref.name() : ns + "/" + ref.name();
        if (o == null) throw new TokenVerifier.InvalidToken(what + " " + where + " has been deleted");
        String uid = Meta.uid(o);
        if (!ref.uid().isEmpty() && !ref.uid().equals(uid)) {
            throw new TokenVerifier.InvalidToken(what + " UID (" + uid + ") does not match claim (" + ref.uid() + ")");
        }
        if (Json.text(o.path("metadata"), "deletionTimestamp") != null)
            throw new TokenVerifier.InvalidToken(what + " " + where + " is being deleted");
        return o;
    }

    /** The token of an {@code Authorization: Bearer TOKEN} header, or null. */
    static String bearer(String header) {
        if (header == null) return null;
        String h = header.trim();
        if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) return null;
        String token = h.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}

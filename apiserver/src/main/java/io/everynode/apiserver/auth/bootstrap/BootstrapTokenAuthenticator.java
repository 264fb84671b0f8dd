package io.everynode.apiserver.auth.bootstrap;

import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.auth.AccessControl;
import io.everynode.apiserver.auth.Authenticator;
import io.everynode.apiserver.auth.UserInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bootstrap tokens as bearer tokens (upstream's bootstrap token authenticator): a bearer
 * {@code id.secret} of the token's form is looked up as the Secret {@code bootstrap-token-<id>} in
 * {@code kube-system}; when that Secret is a live token whose secret matches (compared in constant
 * time) and that allows {@code usage-bootstrap-authentication}, the caller is
 * {@code system:bootstrap:<id>} in {@code system:bootstrappers}, the token's
 * {@code auth-extra-groups} and {@code system:authenticated}.
 *
 * <p>A bearer token of another form is not this authenticator's (empty). One of the form that
 * fails (no such Secret, wrong secret, expired, being deleted, without the authentication usage,
 * an extra group outside {@code system:bootstrappers:}) is a 401 with upstream's bare
 * {@code Unauthorized}; the reason is logged, never told to the caller.
 */
public final class BootstrapTokenAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapTokenAuthenticator.class);

    private final Function<String, ObjectNode> secrets;
    private final Clock clock;

    /**
     * @param secrets the Secret of that name in {@code kube-system}, or null when there is none
     * @param clock tells whether a token has expired
     */
    public BootstrapTokenAuthenticator(Function<String, ObjectNode> secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Optional<UserInfo> authenticate(ApiRequest request) {
        Optional<BootstrapToken> presented = BearerToken.of(request).flatMap(BootstrapToken::parse);
        if (presented.isEmpty()) return Optional.empty();
        BootstrapToken token = presented.get();
        ObjectNode secret = secrets.apply(token.secretName());
        if (secret == null) throw refuse(token, "no Secret " + token.secretName());
        if (secret.path("metadata").hasNonNull("deletionTimestamp")) throw refuse(token, "its Secret is being deleted");
        Optional<BootstrapTokenSecret> stored = BootstrapTokenSecret.read(
                secret.path("metadata").path("name").asString(""),
                secret.path("type").asString(""),
                data(secret));
        if (stored.isEmpty()) throw refuse(token, "its Secret is not a well-formed bootstrap token");
        BootstrapTokenSecret s = stored.get();
        if (!MessageDigest.isEqual(
                s.token().secret().getBytes(StandardCharsets.UTF_8),
                token.secret().getBytes(StandardCharsets.UTF_8))) throw refuse(token, "wrong secret");
        if (s.expired(clock.instant())) throw refuse(token, "expired at " + s.expirationText());
        if (!s.allows(BootstrapTokenSecret.AUTHENTICATION)) throw refuse(token, "not marked for authentication");
        Optional<String> badGroup = s.invalidGroup();
        if (badGroup.isPresent()) throw refuse(token, "extra group \"" + badGroup.get() + "\" is not allowed");
        List<String> groups = new ArrayList<>();
        groups.add(UserInfo.BOOTSTRAPPERS);
        for (String g : s.extraGroups()) if (!groups.contains(g)) groups.add(g);
        return Optional.of(UserInfo.authenticated(token.userName(), "", groups, Map.of()));
    }

    private static RuntimeException refuse(BootstrapToken token, String why) {
        LOG.info("bootstrap token {} refused: {}", token.id(), why);
        return AccessControl.unauthorized();
    }

    /** The Secret's data, base64-decoded, plus its stringData (in case a writer left it there). */
    private static Map<String, String> data(ObjectNode secret) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode data = secret.path("data");
        for (Map.Entry<String, JsonNode> e : data.properties()) {
            try {
                out.put(
                        e.getKey(),
                        new String(Base64.getDecoder().decode(e.getValue().asString("")), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                // a value that is not base64 cannot be a token's
            }
        }
        for (Map.Entry<String, JsonNode> e : secret.path("stringData").properties())
            out.put(e.getKey(), e.getValue().asString(""));
        return out;
    }
}

package io.everynode.apiserver.rest;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.auth.Authenticator;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /apis/authentication.k8s.io/v1/tokenreviews}: runs the server's bearer-token
 * authenticators on {@code spec.token}, as if a request had carried it, and answers who it is
 * ({@code status.authenticated}, {@code status.user}, {@code status.audiences}) or why not
 * ({@code status.error}). An empty token is a 400, as upstream's. The caller's own identity plays
 * no part (who may ask is authorization's business: upstream's {@code system:auth-delegator}).
 *
 * <p>Audiences: the review's {@code spec.audiences} when it names some, else the server's own
 * (its ServiceAccount issuer, upstream's default {@code --api-audiences}); the bootstrap tokens
 * served so far have no audience of their own.
 */
public final class TokenReviews implements Reviews.Review {
    private final List<Authenticator> authenticators;
    private final String apiAudience;

    /** @param authenticators the server's authenticators, in its order; each sees only the bearer token */
    public TokenReviews(List<Authenticator> authenticators, String apiAudience) {
        this.authenticators = List.copyOf(authenticators);
        this.apiAudience = apiAudience;
    }

    @Override
    public ObjectNode answer(ObjectNode request, UserInfo caller) {
        String token = request.path("spec").path("token").asString("");
        if (token.isEmpty()) throw Statuses.badRequest("token is required for TokenReview in authentication");
        List<String> audiences = new ArrayList<>();
        for (JsonNode a : request.path("spec").path("audiences")) audiences.add(a.asString(""));
        if (audiences.isEmpty()) audiences.add(apiAudience);

        ObjectNode out = request.deepCopy();
        out.put("kind", "TokenReview");
        out.put("apiVersion", "authentication.k8s.io/v1");
        if (!out.path("metadata").isObject()) out.putObject("metadata");
        ObjectNode status = out.putObject("status");
        ApiRequest asIfSent = new ApiRequest("GET", "/", Map.of(), Map.of("authorization", "Bearer " + token), null);
        try {
            for (Authenticator a : authenticators) {
                Optional<UserInfo> user = a.authenticate(asIfSent);
                if (user.isPresent()) {
                    status.put("authenticated", true);
                    status.set("user", SelfSubjectReviews.userInfo(user.get()));
                    ArrayNode auds = status.putArray("audiences");
                    audiences.forEach(auds::add);
                    return out;
                }
            }
            status.put("error", "invalid bearer token");
        } catch (ApiException refused) {
            status.put("error", refused.getMessage());
        }
        status.put("authenticated", false);
        status.putObject("user");
        return out;
    }
}

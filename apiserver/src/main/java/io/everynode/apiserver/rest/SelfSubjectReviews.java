package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.apiserver.auth.UserInfo;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /apis/authentication.k8s.io/v1/selfsubjectreviews} ({@code kubectl auth whoami}):
 * the caller's own identity as the server authenticated it, in {@code status.userInfo}, with
 * upstream's field names ({@code username}, {@code uid}, {@code groups}, {@code extra}; empty ones
 * left out) and the review's creation time.
 */
public final class SelfSubjectReviews implements Reviews.Review {
    private final Clock clock;

    public SelfSubjectReviews(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ObjectNode answer(ObjectNode request, UserInfo caller) {
        ObjectNode out = Json.object();
        out.put("kind", "SelfSubjectReview");
        out.put("apiVersion", "authentication.k8s.io/v1");
        out.putObject("metadata")
                .put(
                        "creationTimestamp",
                        clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        out.putObject("status").set("userInfo", userInfo(caller));
        return out;
    }

    /** A UserInfo as authentication.k8s.io/v1 writes it (TokenReview's {@code status.user} too). */
    static ObjectNode userInfo(UserInfo user) {
        ObjectNode u = Json.object();
        u.put("username", user.name());
        if (!user.uid().isEmpty()) u.put("uid", user.uid());
        if (!user.groups().isEmpty()) {
            ArrayNode groups = u.putArray("groups");
            user.groups().forEach(groups::add);
        }
        if (!user.extra().isEmpty()) {
            ObjectNode extra = u.putObject("extra");
            for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(user.extra()).entrySet()) {
                ArrayNode values = extra.putArray(e.getKey());
                e.getValue().forEach(values::add);
            }
        }
        return u;
    }
}

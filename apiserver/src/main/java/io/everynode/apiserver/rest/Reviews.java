package io.everynode.apiserver.rest;

import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.auth.UserInfo;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers of the create-only kinds ({@link ResourceType#persisted()} false): a review is
 * POSTed, answered from its body and the caller, and never stored, as upstream's
 * SelfSubjectReview and TokenReview are. The server registers one {@link Review} per kind; a
 * kind without one is not found.
 */
public final class Reviews {
    /** Answers one review: the object sent back (201), status filled in. */
    @FunctionalInterface
    public interface Review {
        tools.jackson.databind.node.ObjectNode answer(tools.jackson.databind.node.ObjectNode request, UserInfo caller);
    }

    private final Map<ResourceType, Review> answers = new ConcurrentHashMap<>();

    public void register(ResourceType type, Review review) {
        if (type.persisted()) throw new IllegalArgumentException(type.resource() + " is a stored kind, not a review");
        answers.put(type, review);
    }

    Optional<Review> of(ResourceType type) {
        return Optional.ofNullable(answers.get(type));
    }
}

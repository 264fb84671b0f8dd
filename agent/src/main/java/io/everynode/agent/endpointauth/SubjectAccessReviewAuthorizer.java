package io.everynode.agent.endpointauth;

import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributes;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link EndpointAuthorizer} through the API server: a SubjectAccessReview
 * (authorization.k8s.io/v1) for the caller on {@code nodes/SUBRESOURCE} named the node, created
 * with the agent's own client (nodes may create them). Answers are kept as the kubelet's webhook
 * cache keeps them: an allowed one {@link #ALLOWED_TTL}, a denied one {@link #DENIED_TTL}, on the
 * injected clock; a failed review is not kept. At most {@link #MAX_ENTRIES} answers are kept
 * (when full, expired ones are dropped first, then all).
 */
public final class SubjectAccessReviewAuthorizer implements EndpointAuthorizer {
    public static final Duration ALLOWED_TTL = Duration.ofMinutes(5);
    public static final Duration DENIED_TTL = Duration.ofSeconds(30);
    static final int MAX_ENTRIES = 10_000;

    private record Question(Caller caller, String verb, String subresource, String node) {}

    private record Answer(boolean allowed, Instant until) {}

    private final KubeClient client;
    private final Clock clock;
    private final Map<Question, Answer> cache = new ConcurrentHashMap<>();

    public SubjectAccessReviewAuthorizer(KubeClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public boolean allowed(Caller caller, String verb, String subresource, String node) {
        Question q = new Question(caller, verb, subresource, node);
        Instant now = clock.instant();
        Answer known = cache.get(q);
        if (known != null && now.isBefore(known.until())) return known.allowed();
        boolean allowed = review(q);
        if (cache.size() >= MAX_ENTRIES) {
            cache.values().removeIf(a -> !now.isBefore(a.until()));
            if (cache.size() >= MAX_ENTRIES) cache.clear();
        }
        cache.put(q, new Answer(allowed, now.plus(allowed ? ALLOWED_TTL : DENIED_TTL)));
        return allowed;
    }

    private boolean review(Question q) {
        ResourceAttributes attrs = new ResourceAttributes();
        attrs.setVerb(q.verb());
        attrs.setGroup("");
        attrs.setVersion("v1");
        attrs.setResource("nodes");
        attrs.setSubresource(q.subresource());
        if (q.node() != null) attrs.setName(q.node());
        SubjectAccessReviewSpec spec = new SubjectAccessReviewSpec();
        spec.setUser(q.caller().user());
        spec.setGroups(List.copyOf(q.caller().groups()));
        spec.setResourceAttributes(attrs);
        SubjectAccessReview review = new SubjectAccessReview();
        review.setSpec(spec);
        SubjectAccessReview answered = client.create(review);
        return answered.getStatus() != null
                && Boolean.TRUE.equals(answered.getStatus().getAllowed());
    }
}

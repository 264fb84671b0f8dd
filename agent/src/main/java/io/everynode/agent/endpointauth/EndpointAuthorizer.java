package io.everynode.agent.endpointauth;

/**
 * Decides whether a caller may act on a node through its agent's endpoint, as the kubelet's
 * webhook authorizer asks the API server. Implementations: {@link SubjectAccessReviewAuthorizer}
 * (a SubjectAccessReview per question, answers cached); a fleet of simulated nodes in the API
 * server's process uses the same one over its in-process client.
 */
public interface EndpointAuthorizer {
    /**
     * Whether {@code caller} may {@code verb} the {@code nodes/subresource} of node {@code node};
     * a null {@code node} asks about every node (for requests whose node cannot be told).
     *
     * @throws RuntimeException when no answer could be had (the endpoint answers 500 then)
     */
    boolean allowed(Caller caller, String verb, String subresource, String node);
}

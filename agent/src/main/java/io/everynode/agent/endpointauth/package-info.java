/**
 * Who may call a node agent's endpoint, as the kubelet decides it: TLS with a serving certificate
 * ({@link io.everynode.agent.endpointauth.ServingCertificate}, minted by {@code up} or requested
 * through the CSR API by {@link io.everynode.agent.endpointauth.ServingCertificateRequester},
 * self-signed until then), client certificates of the cluster CA only
 * ({@link io.everynode.agent.endpointauth.EndpointSecurity}), and per request the
 * {@link io.everynode.agent.endpointauth.EndpointGuard}: 401 without a certificate, then the
 * {@link io.everynode.agent.endpointauth.KubeletRequest} (verb and {@code nodes} subresources of
 * the path) asked of an {@link io.everynode.agent.endpointauth.EndpointAuthorizer}
 * ({@link io.everynode.agent.endpointauth.SubjectAccessReviewAuthorizer}: a cached
 * SubjectAccessReview), 403 with the kubelet's text when refused.
 *
 * <p>Separate from the agent's own client credentials (package {@code join}): this package only
 * serves. Threads: the guard runs on the endpoint's request threads; the authorizer's cache is
 * concurrent; the requester follows its CSR on one daemon thread of its own.
 */
package io.everynode.agent.endpointauth;

package io.everynode.controllers.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;

/**
 * Whether the user who created a request may do something: the question upstream's approver asks
 * the API with a SubjectAccessReview ({@link SarAccessCheck}) about the requestor recorded in the
 * request's spec (username, uid, groups, extra).
 */
@FunctionalInterface
public interface AccessCheck {
    /**
     * @param requester the request's spec, whose user fields the API server filled in
     * @throws RuntimeException when the answer could not be had (the sync is retried)
     */
    boolean allowed(
            CertificateSigningRequestSpec requester, String verb, String group, String resource, String subresource);
}

package io.everynode.controllers.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;

/** What the approving controller writes. Implementations throw on failure; the sync is retried. */
public interface ApprovalActions {
    /**
     * Adds an Approved condition (status True, reason {@code AutoApproved}, {@code message})
     * through the request's {@code /approval}, on the cached resourceVersion.
     */
    void approve(CertificateSigningRequest csr, String message);
}

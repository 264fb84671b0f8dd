package io.everynode.controllers.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;

/**
 * What the signing controller writes, each through the request's {@code /status} with the
 * cached resourceVersion (a request changed meanwhile is a conflict: the sync is retried).
 * Implementations throw on failure.
 */
public interface SigningActions {
    /** Sets {@code status.certificate} to {@code base64Pem} (base64 of the PEM chain). */
    void issue(CertificateSigningRequest csr, String base64Pem, String detail);

    /** Adds a Failed condition (status True) with {@code reason} and {@code message}. */
    void fail(CertificateSigningRequest csr, String reason, String message);
}

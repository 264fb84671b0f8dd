package io.everynode.api.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import java.util.List;

/**
 * What a request's {@code status} says: approved, denied, failed, issued, as upstream's helpers
 * read it. Only conditions with status {@code True} count (validation allows no other status for
 * these three types).
 */
public final class CsrConditions {
    public static final String APPROVED = "Approved";
    public static final String DENIED = "Denied";
    public static final String FAILED = "Failed";

    private CsrConditions() {}

    public static boolean has(CertificateSigningRequest csr, String type) {
        for (CertificateSigningRequestCondition c : conditions(csr)) {
            if (type.equals(c.getType()) && "True".equals(c.getStatus())) return true;
        }
        return false;
    }

    /** Approved and not denied: what a signer may sign (upstream's IsCertificateRequestApproved). */
    public static boolean approved(CertificateSigningRequest csr) {
        return has(csr, APPROVED) && !has(csr, DENIED);
    }

    public static boolean issued(CertificateSigningRequest csr) {
        String cert = csr.getStatus() == null ? null : csr.getStatus().getCertificate();
        return cert != null && !cert.isEmpty();
    }

    /**
     * The CONDITION column of {@code kubectl get csr}: {@code Denied}, {@code Approved} or
     * {@code Pending}, then {@code ,Failed} and {@code ,Issued} when they apply.
     */
    public static String summary(CertificateSigningRequest csr) {
        boolean approved = false;
        boolean denied = false;
        boolean failed = false;
        for (CertificateSigningRequestCondition c : conditions(csr)) {
            if (APPROVED.equals(c.getType())) approved = true;
            else if (DENIED.equals(c.getType())) denied = true;
            else if (FAILED.equals(c.getType())) failed = true;
        }
        String s = denied ? "Denied" : approved ? "Approved" : "Pending";
        if (failed) s += ",Failed";
        if (issued(csr)) s += ",Issued";
        return s;
    }

    public static List<CertificateSigningRequestCondition> conditions(CertificateSigningRequest csr) {
        if (csr.getStatus() == null || csr.getStatus().getConditions() == null) return List.of();
        return csr.getStatus().getConditions();
    }
}

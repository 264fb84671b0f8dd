package io.everynode.apiserver.admission.podsecurity;

/** The audit annotation keys upstream's plugin writes (its prefix, then the key). */
final class AuditKeys {
    private AuditKeys() {}

    /** The enforce level a pod was checked at, e.g. {@code baseline:latest}. */
    static final String ENFORCE_POLICY = "pod-security.kubernetes.io/enforce-policy";
    /** {@code would violate PodSecurity "…": …} for the audit level. */
    static final String AUDIT_VIOLATIONS = "pod-security.kubernetes.io/audit-violations";
    /** Why nothing was checked: {@code user}, {@code namespace} or {@code runtimeClass}. */
    static final String EXEMPT = "pod-security.kubernetes.io/exempt";
    /** The namespace's labels did not parse: what was wrong. */
    static final String ERROR = "pod-security.kubernetes.io/error";
}

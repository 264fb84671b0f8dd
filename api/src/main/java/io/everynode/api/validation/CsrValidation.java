package io.everynode.api.validation;

import io.everynode.api.certificates.CsrConditions;
import io.everynode.api.certificates.KeyUsages;
import io.everynode.api.certificates.Signers;
import io.everynode.api.selector.LabelSyntax;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * CertificateSigningRequest validation, with upstream's field paths and messages
 * ({@code pkg/apis/certificates/validation}). The PKCS#10 request itself is parsed and its
 * signature checked by the caller (that needs a crypto library this module does not carry): it
 * passes what was wrong with it, or null.
 *
 * <p>Which write may change what: a create carries no status (the strategy clears it); the main
 * resource changes metadata only; {@code /approval} may add the Approved or Denied condition;
 * {@code /status} may set the certificate (once) and other conditions. No write removes an
 * Approved, Denied or Failed condition.
 */
public final class CsrValidation {
    public static final int MIN_EXPIRATION_SECONDS = 600;

    /** Which subresource writes: each may change a different part of the status. */
    public enum Write {
        MAIN,
        STATUS,
        APPROVAL
    }

    private static final Set<String> TRUE_ONLY =
            Set.of(CsrConditions.APPROVED, CsrConditions.DENIED, CsrConditions.FAILED);
    private static final List<String> ALL_STATUSES = List.of("False", "True", "Unknown");
    private static final int MAX_DOMAIN = LabelSyntax.DNS1123_SUBDOMAIN_MAX;
    private static final int MAX_SIGNER_NAME =
            MAX_DOMAIN + (LabelSyntax.DNS1123_SUBDOMAIN_MAX + LabelSyntax.DNS1123_LABEL_MAX + 1) + 1;

    private CsrValidation() {}

    /** @param requestError why {@code spec.request} is not a valid, signed PKCS#10 request; null if it is */
    public static List<FieldError> validateCreate(CertificateSigningRequest csr, String requestError) {
        List<FieldError> errs =
                ObjectMetaValidation.validate(csr.getMetadata(), false, ObjectMetaValidation.NameRule.PATH_SEGMENT);
        CertificateSigningRequestSpec spec =
                csr.getSpec() == null ? new CertificateSigningRequestSpec() : csr.getSpec();
        if (requestError != null) errs.add(FieldError.invalid("spec.request", spec.getRequest(), requestError));
        usages(errs, spec.getUsages());
        signerName(errs, spec.getSignerName());
        Integer exp = spec.getExpirationSeconds();
        if (exp != null && exp < MIN_EXPIRATION_SECONDS) {
            errs.add(FieldError.invalid(
                    "spec.expirationSeconds", exp, "may not specify a duration less than 600 seconds (10 minutes)"));
        }
        conditions(errs, csr, null);
        certificate(errs, csr, null);
        return errs;
    }

    /**
     * An update through {@code write}. The spec is immutable (the strategy keeps the stored one),
     * so its checks ran at create and are not repeated.
     */
    public static List<FieldError> validateUpdate(
            CertificateSigningRequest csr, CertificateSigningRequest old, Write write) {
        List<FieldError> errs = Common.list();
        conditions(errs, csr, old);
        certificate(errs, csr, old);
        for (String type : List.of(CsrConditions.APPROVED, CsrConditions.DENIED, CsrConditions.FAILED)) {
            if (count(csr, type) < count(old, type)) {
                errs.add(FieldError.forbidden(
                        "status.conditions", "updates may not remove a condition of type \"" + type + "\""));
            }
        }
        if (write != Write.APPROVAL) {
            for (String type : List.of(CsrConditions.APPROVED, CsrConditions.DENIED)) {
                int now = count(csr, type);
                int before = count(old, type);
                if (now > before) {
                    errs.add(FieldError.forbidden(
                            "status.conditions", "updates may not add a condition of type \"" + type + "\""));
                } else if (now == before && !sameOfType(csr, old, type)) {
                    errs.add(FieldError.forbidden(
                            "status.conditions", "updates may not modify a condition of type \"" + type + "\""));
                }
            }
        }
        String cert = certificateOf(csr);
        String oldCert = certificateOf(old);
        if (!cert.equals(oldCert)) {
            if (write != Write.STATUS) {
                errs.add(FieldError.forbidden("status.certificate", "updates may not set certificate content"));
            } else if (!oldCert.isEmpty()) {
                errs.add(FieldError.forbidden(
                        "status.certificate", "updates may not modify existing certificate content"));
            }
        }
        errs.addAll(ObjectMetaValidation.validateUpdate(csr.getMetadata(), old.getMetadata()));
        return errs;
    }

    private static void usages(List<FieldError> errs, List<String> usages) {
        if (usages == null || usages.isEmpty()) {
            errs.add(FieldError.required("spec.usages", ""));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < usages.size(); i++) {
            String u = usages.get(i);
            if (!KeyUsages.ALL.contains(u)) {
                errs.add(FieldError.notSupported("spec.usages[" + i + "]", u, KeyUsages.ALL));
            }
            if (!seen.add(u)) errs.add(FieldError.duplicate("spec.usages[" + i + "]", u));
        }
    }

    /** Upstream's ValidateSignerName: {@code domain.tld/path}, DNS labels before the slash. */
    static void signerName(List<FieldError> errs, String signerName) {
        String path = "spec.signerName";
        if (signerName == null || signerName.isEmpty()) {
            errs.add(FieldError.required(path, ""));
            return;
        }
        if (signerName.equals(Signers.LEGACY_UNKNOWN)) {
            errs.add(FieldError.invalid(path, signerName, "the legacy signerName is not allowed via this API version"));
            return;
        }
        String[] segments = signerName.split("/", -1);
        if (segments.length != 2) {
            errs.add(FieldError.invalid(
                    path,
                    signerName,
                    "must be a fully qualified domain and path of the form 'example.com/signer-name'"));
            return;
        }
        String domain = segments[0];
        if (domain.length() > MAX_DOMAIN) errs.add(FieldError.tooLong(path, MAX_DOMAIN));
        String[] labels = domain.split("\\.", -1);
        for (String label : labels) {
            List<String> problems = LabelSyntax.dns1123Label(label);
            if (problems.isEmpty()) continue;
            for (String p : problems) {
                errs.add(FieldError.invalid(path, domain, "validating label \"" + label + "\": " + p));
            }
            break;
        }
        if (labels.length < 2) {
            errs.add(FieldError.invalid(
                    path, domain, "should be a domain with at least two segments separated by dots"));
        }
        for (String label : segments[1].split("\\.", -1)) {
            List<String> problems = LabelSyntax.dns1123Subdomain(label);
            if (problems.isEmpty()) continue;
            for (String p : problems) {
                errs.add(FieldError.invalid(path, segments[1], "validating label \"" + label + "\": " + p));
            }
            break;
        }
        if (signerName.length() > MAX_SIGNER_NAME) errs.add(FieldError.tooLong(path, MAX_SIGNER_NAME));
    }

    /**
     * Each condition has a type and a status; Approved, Denied and Failed may only be True;
     * Approved and Denied exclude each other; no type twice. Problems the stored object already
     * had (data from before these rules) are tolerated on update.
     */
    private static void conditions(
            List<FieldError> errs, CertificateSigningRequest csr, CertificateSigningRequest old) {
        boolean legacyBoth =
                old != null && count(old, CsrConditions.APPROVED) > 0 && count(old, CsrConditions.DENIED) > 0;
        boolean approved = false;
        boolean denied = false;
        Set<String> seen = new HashSet<>();
        List<CertificateSigningRequestCondition> all = CsrConditions.conditions(csr);
        for (int i = 0; i < all.size(); i++) {
            CertificateSigningRequestCondition c = all.get(i);
            String at = "status.conditions[" + i + "]";
            String type = c.getType() == null ? "" : c.getType();
            if (type.isEmpty()) errs.add(FieldError.required(at + ".type", ""));
            List<String> allowed = TRUE_ONLY.contains(type) ? List.of("True") : ALL_STATUSES;
            if (c.getStatus() == null || c.getStatus().isEmpty()) {
                errs.add(FieldError.required(at + ".status", ""));
            } else if (!allowed.contains(c.getStatus())) {
                errs.add(FieldError.notSupported(at + ".status", c.getStatus(), allowed));
            }
            if (!legacyBoth) {
                if (type.equals(CsrConditions.APPROVED)) {
                    approved = true;
                    if (denied) errs.add(exclusive(at, type));
                } else if (type.equals(CsrConditions.DENIED)) {
                    denied = true;
                    if (approved) errs.add(exclusive(at, type));
                }
            }
            if (!type.isEmpty() && !seen.add(type)) errs.add(FieldError.duplicate(at + ".type", type));
        }
    }

    private static FieldError exclusive(String at, String type) {
        return FieldError.invalid(at + ".type", type, "Approved and Denied conditions are mutually exclusive");
    }

    /** A certificate being set must be one or more CERTIFICATE PEM blocks. */
    private static void certificate(
            List<FieldError> errs, CertificateSigningRequest csr, CertificateSigningRequest old) {
        String cert = certificateOf(csr);
        if (cert.isEmpty() || (old != null && cert.equals(certificateOf(old)))) return;
        String problem = PemCertificates.problem(cert);
        if (problem != null) errs.add(FieldError.invalid("status.certificate", "<certificate data>", problem));
    }

    private static String certificateOf(CertificateSigningRequest csr) {
        String c = csr.getStatus() == null ? null : csr.getStatus().getCertificate();
        return c == null ? "" : c;
    }

    private static int count(CertificateSigningRequest csr, String type) {
        return (int) CsrConditions.conditions(csr).stream()
                .filter(c -> type.equals(c.getType()))
                .count();
    }

    private static boolean sameOfType(CertificateSigningRequest a, CertificateSigningRequest b, String type) {
        List<CertificateSigningRequestCondition> x = CsrConditions.conditions(a).stream()
                .filter(c -> type.equals(c.getType()))
                .toList();
        List<CertificateSigningRequestCondition> y = CsrConditions.conditions(b).stream()
                .filter(c -> type.equals(c.getType()))
                .toList();
        return Objects.equals(x, y);
    }
}

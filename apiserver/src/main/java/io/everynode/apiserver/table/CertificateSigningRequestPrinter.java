package io.everynode.apiserver.table;

import io.everynode.api.certificates.CsrConditions;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get csr}: NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION, as
 * upstream prints them (CONDITION is {@code Pending}, {@code Approved} or {@code Denied}, then
 * {@code ,Failed} and {@code ,Issued}).
 */
final class CertificateSigningRequestPrinter implements RowPrinter<CertificateSigningRequest> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.age(),
            Columns.of("SignerName", "string", "The signer the request asks to sign it."),
            Columns.of("Requestor", "string", "The user who created the request, recorded by the API server."),
            Columns.of("RequestedDuration", "string", "The validity the request asks for (expirationSeconds)."),
            Columns.of("Condition", "string", "Whether the request is pending, approved or denied, failed, issued."));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<CertificateSigningRequest> objectType() {
        return CertificateSigningRequest.class;
    }

    @Override
    public List<Object> cells(CertificateSigningRequest csr, Instant now) {
        CertificateSigningRequestSpec spec =
                csr.getSpec() == null ? new CertificateSigningRequestSpec() : csr.getSpec();
        String signer =
                spec.getSignerName() == null || spec.getSignerName().isEmpty() ? "<none>" : spec.getSignerName();
        String duration = spec.getExpirationSeconds() == null
                ? "<none>"
                : HumanDuration.of(Duration.ofSeconds(spec.getExpirationSeconds()));
        return List.of(
                Columns.str(csr.getMetadata().getName()),
                Times.since(csr.getMetadata().getCreationTimestamp(), now),
                signer,
                Columns.str(spec.getUsername()),
                duration,
                CsrConditions.summary(csr));
    }
}

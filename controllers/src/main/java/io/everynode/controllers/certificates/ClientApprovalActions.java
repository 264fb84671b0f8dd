package io.everynode.controllers.certificates;

import io.everynode.api.certificates.CsrConditions;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controllers.manager.ApiWrites;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link ApprovalActions} through the API: a JSON merge patch of the {@code approval}
 * subresource carrying every condition (a merge patch replaces the list) and the cached
 * resourceVersion, so a request changed meanwhile is a conflict, not a lost write. The server
 * stamps the condition's times.
 */
final class ClientApprovalActions implements ApprovalActions {
    private final KubeClient client;

    ClientApprovalActions(KubeClient client) {
        this.client = client;
    }

    @Override
    public void approve(CertificateSigningRequest csr, String message) {
        List<CertificateSigningRequestCondition> conditions = new ArrayList<>(CsrConditions.conditions(csr));
        CertificateSigningRequestCondition approved = new CertificateSigningRequestCondition();
        approved.setType(CsrConditions.APPROVED);
        approved.setStatus("True");
        approved.setReason("AutoApproved");
        approved.setMessage(message);
        conditions.add(approved);
        String patch = ApiWrites.json(Map.of(
                "metadata", Map.of("resourceVersion", csr.getMetadata().getResourceVersion()),
                "status", Map.of("conditions", conditions)));
        client.patch(
                CertificateSigningRequest.class, null, csr.getMetadata().getName(), PatchType.MERGE, patch, "approval");
    }
}

package io.everynode.controllers.certificates;

import io.everynode.pki.Csrs;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import java.util.Base64;
import java.util.List;

/** Requests as the API server stores them: spec with the requestor, conditions as given. */
final class Requests {
    private Requests() {}

    static CertificateSigningRequest request(
            String name, String requestor, String cn, List<String> groups, String signer, List<String> usages) {
        byte[] pem = Csrs.create(Csrs.newKeyPair(), cn, groups, List.of());
        return new CertificateSigningRequestBuilder()
                .withNewMetadata()
                .withName(name)
                .withResourceVersion("7")
                .endMetadata()
                .withNewSpec()
                .withRequest(Base64.getEncoder().encodeToString(pem))
                .withSignerName(signer)
                .withUsages(usages)
                .withUsername(requestor)
                .withGroups(List.of("system:authenticated"))
                .endSpec()
                .withNewStatus()
                .endStatus()
                .build();
    }

    static CertificateSigningRequest withCondition(CertificateSigningRequest csr, String type) {
        csr.getStatus()
                .setConditions(List.of(new CertificateSigningRequestConditionBuilder()
                        .withType(type)
                        .withStatus("True")
                        .build()));
        return csr;
    }
}

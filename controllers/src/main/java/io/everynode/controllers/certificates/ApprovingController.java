package io.everynode.controllers.certificates;

import io.everynode.api.certificates.CsrConditions;
import io.everynode.api.certificates.Signers;
import io.everynode.client.Lister;
import io.everynode.pki.CsrParser;
import io.everynode.pki.ParsedCsr;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The sync of one request name (upstream's csrapproving controller): a pending
 * {@code kubernetes.io/kube-apiserver-client-kubelet} request shaped as a node client certificate
 * ({@code O=system:nodes}, {@code CN=system:node:…}, no SANs, client usages) is approved when its
 * requestor may create {@code certificatesigningrequests/selfnodeclient} and asks for its own
 * name (a node renewing), or may create {@code certificatesigningrequests/nodeclient} (a node
 * joining with a bootstrap token: the system:bootstrappers group has it by default). Everything
 * else waits for a person ({@code kubectl certificate approve}). A recognised request its
 * requestor may not have approved fails the sync, so it is asked again after back-off (the
 * permission may be granted later), as upstream's ignorable error does.
 *
 * <p>Threading: stateless between syncs; one worker calls {@link #sync}.
 */
public final class ApprovingController {
    static final String GROUP = "certificates.k8s.io";
    static final String RESOURCE = "certificatesigningrequests";

    private record Recognizer(String subresource, boolean self, String message) {}

    private static final List<Recognizer> RECOGNIZERS = List.of(
            new Recognizer(
                    "selfnodeclient",
                    true,
                    "Auto approving self kubelet client certificate after SubjectAccessReview."),
            new Recognizer(
                    "nodeclient", false, "Auto approving kubelet client certificate after SubjectAccessReview."));

    private final Lister<CertificateSigningRequest> csrs;
    private final AccessCheck access;
    private final ApprovalActions actions;

    public ApprovingController(Lister<CertificateSigningRequest> csrs, AccessCheck access, ApprovalActions actions) {
        this.csrs = csrs;
        this.access = access;
        this.actions = actions;
    }

    public void sync(String name) {
        Optional<CertificateSigningRequest> found = csrs.get(name);
        if (found.isEmpty()) return;
        CertificateSigningRequest csr = found.get();
        if (CsrConditions.issued(csr)
                || CsrConditions.has(csr, CsrConditions.APPROVED)
                || CsrConditions.has(csr, CsrConditions.DENIED)) return;
        if (!Signers.KUBE_APISERVER_CLIENT_KUBELET.equals(csr.getSpec().getSignerName())) return;
        ParsedCsr parsed =
                CsrParser.parse(Base64.getMimeDecoder().decode(csr.getSpec().getRequest()));
        List<String> usages =
                csr.getSpec().getUsages() == null ? List.of() : csr.getSpec().getUsages();
        if (!SignerRules.isNodeClient(parsed, usages)) return;
        List<String> tried = new ArrayList<>();
        for (Recognizer r : RECOGNIZERS) {
            if (r.self() && !parsed.commonName().equals(csr.getSpec().getUsername())) continue;
            tried.add(r.subresource());
            if (access.allowed(csr.getSpec(), "create", GROUP, RESOURCE, r.subresource())) {
                actions.approve(csr, r.message());
                return;
            }
        }
        throw new NotApprovedYet(
                "recognized csr \"" + name + "\" as " + tried + " but subject access review was not approved");
    }

    /** A recognised request whose requestor may not have it approved (yet). */
    public static final class NotApprovedYet extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotApprovedYet(String message) {
            super(message);
        }
    }
}

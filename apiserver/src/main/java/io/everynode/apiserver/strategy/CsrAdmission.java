package io.everynode.apiserver.strategy;

import io.everynode.api.certificates.Signers;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.auth.AccessControl;
import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Admission;
import io.everynode.pki.CsrParser;
import io.everynode.pki.ParsedCsr;
import java.util.Base64;
import tools.jackson.databind.node.ObjectNode;

/**
 * Upstream's three CertificateSigningRequest admission plugins in one check:
 *
 * <ul>
 *   <li>CertificateApproval: a write to {@code /approval} needs {@code approve} on the
 *       {@code signers} resource of group certificates.k8s.io named by the stored request's
 *       signerName, or by its {@code domain/*} wildcard;</li>
 *   <li>CertificateSigning: a {@code /status} write that changes the certificate needs
 *       {@code sign} on the signer, the same way;</li>
 *   <li>CertificateSubjectRestriction: no {@code kubernetes.io/kube-apiserver-client} request
 *       for the {@code system:masters} group is accepted.</li>
 * </ul>
 *
 * Refusals are 403 Forbidden with upstream's messages. Stateless; the decisions come from the
 * server's {@link AccessControl}.
 */
public final class CsrAdmission implements Admission {
    private static final String GROUP = "certificates.k8s.io";

    private final AccessControl access;

    public CsrAdmission(AccessControl access) {
        this.access = access;
    }

    @Override
    public void admit(Request r) {
        if (!r.type().equals(ResourceTypes.CERTIFICATE_SIGNING_REQUESTS)) return;
        if (r.operation() == Operation.CREATE) {
            restrictSubject(r);
        } else if (r.operation() == Operation.UPDATE && "approval".equals(r.subresource())) {
            requireSignerPermission(r, "approve");
        } else if (r.operation() == Operation.UPDATE
                && "status".equals(r.subresource())
                && !certificate(r.object()).equals(certificate(r.old()))) {
            requireSignerPermission(r, "sign");
        }
    }

    private void requireSignerPermission(Request r, String verb) {
        String signer = r.old().path("spec").path("signerName").asString("");
        if (allowed(r.caller().user(), verb, signer)) return;
        throw forbidden(r, "user not permitted to " + verb + " requests with signerName \"" + signer + "\"");
    }

    /** Upstream's IsAuthorizedForSignerName: the signer by name, else its domain's wildcard. */
    private boolean allowed(UserInfo user, String verb, String signer) {
        return access.decide(RequestAttributes.resource(user, verb, GROUP, "signers", "", "", signer))
                        .allowed()
                || access.decide(RequestAttributes.resource(
                                user, verb, GROUP, "signers", "", "", Signers.wildcard(signer)))
                        .allowed();
    }

    private static void restrictSubject(Request r) {
        if (!Signers.KUBE_APISERVER_CLIENT.equals(
                r.object().path("spec").path("signerName").asString(""))) return;
        ParsedCsr csr;
        try {
            byte[] pem = Base64.getDecoder()
                    .decode(r.object().path("spec").path("request").asString("").replaceAll("[\r\n]", ""));
            csr = CsrParser.parse(pem);
        } catch (IllegalArgumentException e) {
            throw forbidden(r, "failed to parse CSR: " + e.getMessage());
        }
        if (csr.organizations().contains(UserInfo.MASTERS)) {
            throw forbidden(
                    r, "use of " + Signers.KUBE_APISERVER_CLIENT + " signer with system:masters group is not allowed");
        }
    }

    private static String certificate(ObjectNode obj) {
        return obj == null ? "" : obj.path("status").path("certificate").asString("");
    }

    private static ApiException forbidden(Request r, String why) {
        return Statuses.forbidden(GROUP, r.type().resource(), r.name(), why);
    }
}

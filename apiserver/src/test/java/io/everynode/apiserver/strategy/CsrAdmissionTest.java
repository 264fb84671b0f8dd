package io.everynode.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.auth.AccessControl;
import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.registry.Admission;
import io.everynode.apiserver.registry.Caller;
import io.everynode.pki.Csrs;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CsrAdmissionTest {
    private static final UserInfo CAROL = UserInfo.authenticated("carol", "", List.of("approvers"), Map.of());

    /** What carol may do on signers: "verb name". */
    private final Set<String> grants = new java.util.HashSet<>();

    private final List<String> asked = new ArrayList<>();
    private final CsrAdmission admission = new CsrAdmission(new AccessControl(
            List.of(),
            List.of(a -> {
                asked.add(a.verb() + " " + a.apiGroup() + "/" + a.resource() + " " + a.name());
                return grants.contains(a.verb() + " " + a.name())
                        ? Authorizer.Decision.allow("")
                        : Authorizer.Decision.NO_OPINION;
            }),
            false));

    private static ObjectNode csr(String signer, String cn, List<String> groups, String certificate) {
        ObjectNode o = Json.object();
        o.putObject("metadata").put("name", "req");
        ObjectNode spec = o.putObject("spec");
        spec.put("signerName", signer);
        spec.put("request", Base64.getEncoder().encodeToString(Csrs.create(Csrs.newKeyPair(), cn, groups, List.of())));
        if (certificate != null) o.putObject("status").put("certificate", certificate);
        return o;
    }

    private static Admission.Request update(String subresource, ObjectNode next, ObjectNode old) {
        return new Admission.Request(
                Admission.Operation.UPDATE,
                ResourceTypes.CERTIFICATE_SIGNING_REQUESTS,
                null,
                "req",
                subresource,
                next,
                old,
                Caller.of(CAROL),
                false,
                null);
    }

    @Test
    void approvingNeedsApproveOnTheSignerOrItsDomainWildcard() {
        ObjectNode req = csr("example.com/issuer", "alice", List.of(), null);

        assertThatThrownBy(() -> admission.admit(update("approval", req, req)))
                .isInstanceOf(ApiException.class)
                .hasMessage("certificatesigningrequests.certificates.k8s.io \"req\" is forbidden: user not permitted to"
                        + " approve requests with signerName \"example.com/issuer\"");
        assertThat(asked)
                .containsExactly(
                        "approve certificates.k8s.io/signers example.com/issuer",
                        "approve certificates.k8s.io/signers example.com/*");

        grants.add("approve example.com/*");
        admission.admit(update("approval", req, req));
    }

    @Test
    void settingTheCertificateNeedsSignButOtherStatusWritesDoNot() {
        ObjectNode old = csr("example.com/issuer", "alice", List.of(), null);
        ObjectNode issued = old.deepCopy();
        issued.putObject("status").put("certificate", "Y2VydA==");

        admission.admit(update("status", old.deepCopy(), old));
        assertThatThrownBy(() -> admission.admit(update("status", issued, old)))
                .hasMessageEndingWith("user not permitted to sign requests with signerName \"example.com/issuer\"");

        grants.add("sign example.com/issuer");
        admission.admit(update("status", issued, old));
    }

    @Test
    void noOneCreatesAnApiserverClientRequestForSystemMasters() {
        ObjectNode masters = csr("kubernetes.io/kube-apiserver-client", "mallory", List.of("system:masters"), null);
        Admission.Request create = new Admission.Request(
                Admission.Operation.CREATE,
                ResourceTypes.CERTIFICATE_SIGNING_REQUESTS,
                null,
                "req",
                null,
                masters,
                null,
                Caller.of(UserInfo.APISERVER),
                false,
                null);

        assertThatThrownBy(() -> admission.admit(create))
                .isInstanceOf(ApiException.class)
                .hasMessageEndingWith(
                        "use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed");
        assertThat(((ApiException) catchCode(create)).code()).isEqualTo(403);
    }

    private Throwable catchCode(Admission.Request r) {
        try {
            admission.admit(r);
            return null;
        } catch (ApiException e) {
            return e;
        }
    }
}

package io.everynode.controllers.certificates;

import static io.everynode.controllers.certificates.Requests.request;
import static io.everynode.controllers.certificates.Requests.withCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApprovingControllerTest {
    private static final String KUBELET = "kubernetes.io/kube-apiserver-client-kubelet";
    private static final List<String> NODE_USAGES = List.of("digital signature", "client auth");

    /** Who may create which subresource of certificatesigningrequests: "user/subresource". */
    private final Set<String> grants = new HashSet<>();

    private final List<String> asked = new ArrayList<>();
    private final List<String> approved = new ArrayList<>();
    private final MapLister csrs = new MapLister();
    private final ApprovingController controller = new ApprovingController(
            csrs,
            (CertificateSigningRequestSpec who, String verb, String group, String resource, String sub) -> {
                asked.add(who.getUsername() + " " + verb + " " + group + "/" + resource + "/" + sub);
                return grants.contains(who.getUsername() + "/" + sub);
            },
            (csr, message) -> approved.add(csr.getMetadata().getName() + ": " + message));

    @Test
    void aBootstrappingNodesRequestIsApprovedWhenItsRequestorMayCreateNodeClient() {
        grants.add("system:bootstrap:abcdef/nodeclient");
        csrs.put(request(
                "join", "system:bootstrap:abcdef", "system:node:n1", List.of("system:nodes"), KUBELET, NODE_USAGES));

        controller.sync("join");

        assertThat(asked)
                .containsExactly(
                        "system:bootstrap:abcdef create certificates.k8s.io/certificatesigningrequests/nodeclient");
        assertThat(approved)
                .containsExactly("join: Auto approving kubelet client certificate after SubjectAccessReview.");
    }

    @Test
    void aNodeRenewingItsOwnCertificateIsApprovedThroughSelfNodeClient() {
        grants.add("system:node:n1/selfnodeclient");
        csrs.put(request("renew", "system:node:n1", "system:node:n1", List.of("system:nodes"), KUBELET, NODE_USAGES));

        controller.sync("renew");

        assertThat(approved)
                .containsExactly("renew: Auto approving self kubelet client certificate after SubjectAccessReview.");
    }

    @Test
    void aNodeAskingForAnotherNodesNameIsNotApprovedAsSelf() {
        grants.add("system:node:n1/selfnodeclient");
        csrs.put(request("steal", "system:node:n1", "system:node:n2", List.of("system:nodes"), KUBELET, NODE_USAGES));

        assertThatThrownBy(() -> controller.sync("steal"))
                .isInstanceOf(ApprovingController.NotApprovedYet.class)
                .hasMessage("recognized csr \"steal\" as [nodeclient] but subject access review was not approved");
        assertThat(approved).isEmpty();
    }

    @Test
    void requestsThatAreNotNodeClientCertificatesWaitForAPersonWithoutAsking() {
        grants.add("u/nodeclient");
        csrs.put(request("groups", "u", "system:node:n1", List.of("system:nodes", "admins"), KUBELET, NODE_USAGES));
        csrs.put(request("usages", "u", "system:node:n1", List.of("system:nodes"), KUBELET, List.of("server auth")));
        csrs.put(request("cn", "u", "alice", List.of("system:nodes"), KUBELET, NODE_USAGES));
        csrs.put(request(
                "signer",
                "u",
                "system:node:n1",
                List.of("system:nodes"),
                "kubernetes.io/kube-apiserver-client",
                NODE_USAGES));
        csrs.put(withCondition(
                request("decided", "u", "system:node:n1", List.of("system:nodes"), KUBELET, NODE_USAGES), "Denied"));

        for (String name : List.of("groups", "usages", "cn", "signer", "decided", "gone")) controller.sync(name);

        assertThat(asked).isEmpty();
        assertThat(approved).isEmpty();
    }
}

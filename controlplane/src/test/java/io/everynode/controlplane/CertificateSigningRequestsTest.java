package io.everynode.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.pki.Csrs;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CertificateSigningRequest write paths through an in-process API server (no sockets). */
class CertificateSigningRequestsTest {
    private static final UserInfo BOB =
            UserInfo.authenticated("bob", "uid-1", List.of("dev"), Map.of("scopes", List.of("a", "b")));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final Store store = Stores.open(StoreConfig.memory(), clock);
    private final ApiServer api = new ApiServer(ApiServerConfig.defaults(), store, clock);
    private final KubeClient admin = InProcessTransport.client(api);
    private final KubeClient bob = InProcessTransport.client(api, BOB);

    @AfterEach
    void close() throws Exception {
        api.close();
        store.close();
    }

    private static CertificateSigningRequestBuilder request(String name, String signer) {
        byte[] pem = Csrs.create(Csrs.newKeyPair(), "bob", List.of("dev"), List.of());
        return new CertificateSigningRequestBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withRequest(Base64.getEncoder().encodeToString(pem))
                .withSignerName(signer)
                .withUsages("client auth")
                .endSpec();
    }

    private static CertificateSigningRequest withApproved(CertificateSigningRequest csr, String type) {
        csr.getStatus()
                .setConditions(List.of(new CertificateSigningRequestConditionBuilder()
                        .withType(type)
                        .withStatus("True")
                        .withReason("Test")
                        .build()));
        return csr;
    }

    @Test
    void theRequestorIsTheCallerWhateverTheBodySaysAndNothingIsCreatedApproved() {
        CertificateSigningRequest sent = request("r1", "example.com/signer")
                .editSpec()
                .withUsername("system:admin")
                .withGroups("system:masters")
                .endSpec()
                .withNewStatus()
                .addNewCondition()
                .withType("Approved")
                .withStatus("True")
                .endCondition()
                .endStatus()
                .build();

        // RBAC: bob may create CSRs (upstream's system:node-bootstrapper role), nothing more.
        admin.create(new io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName("bob-requests")
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "system:node-bootstrapper")
                .addNewSubject()
                .withKind("User")
                .withName("bob")
                .endSubject()
                .build());
        // The authorizer reads bindings from the watch cache, which follows the store a moment
        // behind the write (as upstream's RBAC informer does): bob may create once it has caught up.
        CertificateSigningRequest created = org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .ignoreExceptionsInstanceOf(ApiError.class)
                .until(() -> bob.create(sent), java.util.Objects::nonNull);

        assertThat(created.getSpec().getUsername()).isEqualTo("bob");
        assertThat(created.getSpec().getUid()).isEqualTo("uid-1");
        assertThat(created.getSpec().getGroups()).containsExactly("dev", "system:authenticated");
        assertThat(created.getSpec().getExtra()).containsEntry("scopes", List.of("a", "b"));
        assertThat(created.getStatus() == null
                        || created.getStatus().getConditions() == null
                        || created.getStatus().getConditions().isEmpty())
                .isTrue();
    }

    @Test
    void theSpecNeverChangesAndTheMainResourceAddsNoCondition() {
        CertificateSigningRequest created =
                admin.create(request("r2", "example.com/signer").build());
        created.getSpec().setUsages(List.of("server auth"));
        created.getMetadata().setLabels(Map.of("team", "a"));

        CertificateSigningRequest updated = admin.update(created);

        assertThat(updated.getSpec().getUsages()).containsExactly("client auth");
        assertThat(updated.getMetadata().getLabels()).containsEntry("team", "a");
        assertThat(updated.getStatus() == null
                        || updated.getStatus().getConditions() == null
                        || updated.getStatus().getConditions().isEmpty())
                .isTrue();
    }

    @Test
    void theApprovalSubresourceStampsTheConditionAndKeepsTheCertificateOut() {
        CertificateSigningRequest created =
                admin.create(request("r3", "example.com/signer").build());
        String patch = "{\"status\":{\"certificate\":\"Y2VydA==\",\"conditions\":[{\"type\":\"Approved\","
                + "\"status\":\"True\",\"reason\":\"Test\"}]}}";

        CertificateSigningRequest approved =
                admin.patch(CertificateSigningRequest.class, null, "r3", PatchType.MERGE, patch, "approval");

        assertThat(approved.getStatus().getCertificate()).isNull();
        assertThat(approved.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Approved");
            assertThat(c.getLastUpdateTime()).isEqualTo("2026-12-04T12:00:00Z");
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-12-04T12:00:00Z");
        });
        assertThat(created.getMetadata().getResourceVersion())
                .isNotEqualTo(approved.getMetadata().getResourceVersion());
    }

    @Test
    void theStatusSubresourceCannotApproveAndTheApprovalCannotBeTakenBack() {
        CertificateSigningRequest created =
                admin.create(request("r4", "example.com/signer").build());

        assertThatThrownBy(() -> admin.updateStatus(withApproved(created, "Approved")))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage())
                            .contains("status.conditions: Forbidden: updates may not add a condition of type"
                                    + " \"Approved\"");
                });

        admin.patch(
                CertificateSigningRequest.class,
                null,
                "r4",
                PatchType.MERGE,
                "{\"status\":{\"conditions\":[{\"type\":\"Approved\",\"status\":\"True\"}]}}",
                "approval");
        assertThatThrownBy(() -> admin.patch(
                        CertificateSigningRequest.class,
                        null,
                        "r4",
                        PatchType.MERGE,
                        "{\"status\":{\"conditions\":[{\"type\":\"Denied\",\"status\":\"True\"}]}}",
                        "approval"))
                .isInstanceOfSatisfying(
                        ApiError.class,
                        e -> assertThat(e.getMessage())
                                .contains("updates may not remove a condition of type \"Approved\""));
    }

    @Test
    void aClientCertificateForSystemMastersIsRefused() {
        byte[] pem = Csrs.create(Csrs.newKeyPair(), "mallory", List.of("system:masters"), List.of());
        CertificateSigningRequest masters = request("r5", "kubernetes.io/kube-apiserver-client")
                .editSpec()
                .withRequest(Base64.getEncoder().encodeToString(pem))
                .endSpec()
                .build();

        assertThatThrownBy(() -> admin.create(masters)).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.code()).isEqualTo(403);
            assertThat(e.getMessage())
                    .contains("use of kubernetes.io/kube-apiserver-client signer with system:masters group is"
                            + " not allowed");
        });
    }

    @Test
    void requestsAreSelectedBySignerName() {
        admin.create(request("a", "example.com/one").build());
        admin.create(request("b", "example.com/two").build());

        List<CertificateSigningRequest> two = admin.list(
                        CertificateSigningRequest.class,
                        null,
                        new ListOptionsBuilder()
                                .withFieldSelector("spec.signerName=example.com/two")
                                .build())
                .items();

        assertThat(two).extracting(c -> c.getMetadata().getName()).containsExactly("b");
    }
}

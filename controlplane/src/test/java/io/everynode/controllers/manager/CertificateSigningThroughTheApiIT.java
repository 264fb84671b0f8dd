package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.api.certificates.CsrConditions;
import io.everynode.controllers.certificates.SigningConfig;
import io.everynode.controllers.testing.InProcessCluster;
import io.everynode.pki.CertificateAuthority;
import io.everynode.pki.Csrs;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CertificateSigningRequests with the real kubectl: {@code create -f}, {@code get csr},
 * {@code certificate approve|deny}, {@code describe csr}, and the signing controller issuing from
 * a CA the test makes.
 */
class CertificateSigningThroughTheApiIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final CertificateAuthority ca =
            CertificateAuthority.create("test-cluster-ca", Clock.systemUTC().instant());
    private InProcessCluster cluster;
    private Kubectl kubectl;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        cluster = new InProcessCluster(ControllerManagerConfig.defaults()
                .withControllers(ControllerManager.CSR_SIGNING)
                .withCsrSigning(SigningConfig.of(
                        ca.certificate(), ca.keyAndCertificate().key())));
        kubectl = cluster.kubectl(dir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static String manifest(String name, byte[] pem, String signer, String usages, String extra) {
        return """
                apiVersion: certificates.k8s.io/v1
                kind: CertificateSigningRequest
                metadata:
                  name: %s
                spec:
                  request: %s
                  signerName: %s
                  usages: %s
                %s""".formatted(name, Base64.getEncoder().encodeToString(pem), signer, usages, extra);
    }

    private static byte[] clientRequest(String user, List<String> groups) {
        return Csrs.create(Csrs.newKeyPair(), user, groups, List.of());
    }

    private CertificateSigningRequest csr(String name) {
        return cluster.client.get(CertificateSigningRequest.class, null, name);
    }

    private static X509Certificate certificateOf(CertificateSigningRequest csr) throws Exception {
        byte[] pem = Base64.getDecoder().decode(csr.getStatus().getCertificate());
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }

    @Test
    void anApprovedRequestGetsACertificateThatChainsToTheCaAndCarriesItsSubject() throws Exception {
        String created = kubectl.runWithInput(
                        manifest(
                                "alice",
                                clientRequest("alice", List.of("dev", "ops")),
                                "kubernetes.io/kube-apiserver-client",
                                "[client auth]",
                                "  expirationSeconds: 86400\n"),
                        "create",
                        "-f",
                        "-")
                .assertOk()
                .out();
        assertThat(created).contains("certificatesigningrequest.certificates.k8s.io/alice created");
        String pending = kubectl.ok("get", "csr");
        assertThat(pending).containsPattern("NAME\\s+AGE\\s+SIGNERNAME\\s+REQUESTOR\\s+REQUESTEDDURATION\\s+CONDITION");
        assertThat(pending)
                .containsPattern(
                        "alice\\s+\\S+\\s+kubernetes.io/kube-apiserver-client\\s+system:unsecured\\s+24h\\s+Pending");

        assertThat(kubectl.ok("certificate", "approve", "alice"))
                .contains("certificatesigningrequest.certificates.k8s.io/alice approved");

        await().atMost(WAIT).until(() -> CsrConditions.issued(csr("alice")));
        X509Certificate cert = certificateOf(csr("alice"));
        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=alice, O=ops, O=dev"));
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(Duration.between(
                        cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofHours(24));
        assertThat(kubectl.ok("get", "csr", "alice")).containsPattern("Approved,Issued");
        String described = kubectl.ok("describe", "csr", "alice");
        assertThat(described).contains("alice", "kubernetes.io/kube-apiserver-client", "system:unsecured");
    }

    @Test
    void aDeniedRequestIsNeverSigned() {
        kubectl.runWithInput(
                        manifest(
                                "bob",
                                clientRequest("bob", List.of()),
                                "kubernetes.io/kube-apiserver-client",
                                "[client auth]",
                                ""),
                        "create",
                        "-f",
                        "-")
                .assertOk();
        kubectl.runWithInput(
                        manifest(
                                "carol",
                                clientRequest("carol", List.of()),
                                "kubernetes.io/kube-apiserver-client",
                                "[client auth]",
                                ""),
                        "create",
                        "-f",
                        "-")
                .assertOk();

        assertThat(kubectl.ok("certificate", "deny", "bob"))
                .contains("certificatesigningrequest.certificates.k8s.io/bob denied");
        kubectl.ok("certificate", "approve", "carol");

        // The signer works through its queue in order: once carol is issued, bob's turn has passed.
        await().atMost(WAIT).until(() -> CsrConditions.issued(csr("carol")));
        assertThat(CsrConditions.has(csr("bob"), CsrConditions.DENIED)).isTrue();
        assertThat(CsrConditions.issued(csr("bob"))).isFalse();
        assertThat(kubectl.ok("get", "csr", "bob")).contains("Denied");
        Kubectl.Result again = kubectl.run("certificate", "approve", "bob");
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("certificate signing request \"bob\" is already Denied");
    }

    @Test
    void aNodeRequestThatDoesNotLookLikeANodeFailsWithTheSignersReasonAndAnEvent() {
        kubectl.runWithInput(
                        manifest(
                                "not-a-node",
                                clientRequest("system:node:web-1", List.of("dev")),
                                "kubernetes.io/kube-apiserver-client-kubelet",
                                "[digital signature, client auth]",
                                ""),
                        "create",
                        "-f",
                        "-")
                .assertOk();

        kubectl.ok("certificate", "approve", "not-a-node");

        await().atMost(WAIT).until(() -> CsrConditions.has(csr("not-a-node"), CsrConditions.FAILED));
        assertThat(CsrConditions.conditions(csr("not-a-node"))).anySatisfy(c -> {
            assertThat(c.getReason()).isEqualTo("SignerValidationFailure");
            assertThat(c.getMessage()).isEqualTo("subject organization is not system:nodes");
        });
        assertThat(CsrConditions.issued(csr("not-a-node"))).isFalse();
        await().atMost(WAIT)
                .until(() -> cluster.client.list(Event.class, "default").items().stream()
                        .anyMatch(e -> "SignerValidationFailure".equals(e.getReason())));
        assertThat(kubectl.ok("get", "csr", "not-a-node")).contains("Approved,Failed");
    }

    @Test
    void anInvalidRequestIsRefusedWithTheFieldAtFault() {
        Kubectl.Result r = kubectl.runWithInput(
                manifest(
                        "bad",
                        "not a request".getBytes(StandardCharsets.US_ASCII),
                        "kubernetes.io/kube-apiserver-client",
                        "[client auth]",
                        "  expirationSeconds: 599\n"),
                "create",
                "-f",
                "-");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err())
                .contains("The CertificateSigningRequest \"bad\" is invalid")
                .contains("spec.request: Invalid value:")
                .contains("PEM block type must be CERTIFICATE REQUEST")
                .contains("spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600"
                        + " seconds (10 minutes)");
        assertThat(kubectl.run("get", "csr", "bad").exitCode()).isNotZero();
    }
}

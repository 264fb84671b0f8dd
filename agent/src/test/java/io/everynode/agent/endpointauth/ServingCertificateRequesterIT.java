package io.everynode.agent.endpointauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.api.certificates.Signers;
import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.InProcessNodeClients;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.CsrParser;
import io.everynode.pki.ParsedCsr;
import io.everynode.pki.SubjectAltNames;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stand-alone agent's serving certificate: self-signed first, the cluster's once its kubelet-serving CSR is approved. */
class ServingCertificateRequesterIT {
    @TempDir
    Path dir;

    private ClusterPki pki;
    private ControlPlane cp;
    private InProcessNodeClients nodes;
    private ServingCertificateRequester requester;

    @BeforeEach
    void start() throws Exception {
        pki = ClusterPki.open(
                dir.resolve("data"),
                new SubjectAltNames(List.of("localhost"), List.of("127.0.0.1")),
                Clock.systemUTC());
        cp = ControlPlane.builder().secure(pki).build().start();
        nodes = new InProcessNodeClients(cp.api());
        requester = new ServingCertificateRequester(
                nodes.forNode("n1"), "n1", List.of("192.0.2.10"), List.of("n1"), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        requester.close();
        nodes.close();
        cp.close();
    }

    private boolean signedByCluster(X509Certificate cert) {
        try {
            cert.verify(pki.ca().certificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Test
    void theAgentServesSelfSignedUntilItsServingRequestIsApprovedThenTheClustersCertificate() throws Exception {
        ServingCertificate serving = requester.start();
        X509Certificate selfSigned = serving.current().certificate();
        assertThat(signedByCluster(selfSigned)).isFalse();
        assertThat(selfSigned.getSubjectX500Principal().getName()).isEqualTo("CN=system:node:n1");

        CertificateSigningRequest csr = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> cp.client().list(CertificateSigningRequest.class, null).items().stream()
                                .filter(c -> Signers.KUBELET_SERVING.equals(
                                        c.getSpec().getSignerName()))
                                .findFirst()
                                .orElse(null),
                        c -> c != null);
        assertThat(csr.getSpec().getUsername()).isEqualTo("system:node:n1");
        assertThat(csr.getSpec().getUsages()).containsExactlyInAnyOrder("digital signature", "server auth");
        ParsedCsr parsed =
                CsrParser.parse(Base64.getDecoder().decode(csr.getSpec().getRequest()));
        assertThat(parsed.commonName()).isEqualTo("system:node:n1");
        assertThat(parsed.organizations()).containsExactly("system:nodes");
        assertThat(parsed.ipAddresses()).containsExactly("192.0.2.10");
        assertThat(parsed.dnsNames()).containsExactly("n1");
        // as upstream, nobody approves a serving request on their own
        assertThat(serving.current().certificate()).isEqualTo(selfSigned);

        Path kubeconfig = pki.writeAdminKubeconfig(dir.resolve("kubeconfig"), cp.url());
        Kubectl.forKubeconfig(kubeconfig, dir.resolve("kubectl"))
                .ok("certificate", "approve", csr.getMetadata().getName());

        await().atMost(Duration.ofSeconds(60))
                .until(() -> signedByCluster(serving.current().certificate()));
        X509Certificate issued = serving.current().certificate();
        assertThat(issued.getSubjectAlternativeNames())
                .extracting(san -> san.get(1).toString())
                .contains("192.0.2.10", "n1");
    }
}

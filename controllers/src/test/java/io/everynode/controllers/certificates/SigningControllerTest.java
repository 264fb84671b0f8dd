package io.everynode.controllers.certificates;

import static io.everynode.controllers.certificates.Requests.request;
import static io.everynode.controllers.certificates.Requests.withCondition;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.pki.CertificateAuthority;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigningControllerTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final String KUBELET = "kubernetes.io/kube-apiserver-client-kubelet";
    private static final List<String> NODE_USAGES = List.of("digital signature", "key encipherment", "client auth");

    private final ManualClock clock = new ManualClock(NOW);
    private final CertificateAuthority ca = CertificateAuthority.create("cluster-ca", NOW);
    private final MapLister csrs = new MapLister();
    private final List<String> issued = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();
    private final SigningController controller = new SigningController(
            csrs,
            SigningConfig.of(ca.certificate(), ca.keyAndCertificate().key()),
            new SigningActions() {
                @Override
                public void issue(CertificateSigningRequest csr, String base64Pem, String detail) {
                    issued.add(base64Pem);
                }

                @Override
                public void fail(CertificateSigningRequest csr, String reason, String message) {
                    failed.add(reason + ": " + message);
                }
            },
            clock,
            new SecureRandom());

    private static X509Certificate parse(String base64Pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(base64Pem)));
    }

    @Test
    void anApprovedNodeRequestIsIssuedACertificateFromTheCa() throws Exception {
        csrs.put(withCondition(
                request("n1", "system:bootstrap:abc", "system:node:n1", List.of("system:nodes"), KUBELET, NODE_USAGES),
                "Approved"));

        controller.sync("n1");

        assertThat(issued).hasSize(1);
        X509Certificate cert = parse(issued.get(0));
        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=system:node:n1,O=system:nodes");
        assertThat(cert.getNotAfter().toInstant())
                .isEqualTo(NOW.plus(Duration.ofDays(365)).minusSeconds(300));
        assertThat(failed).isEmpty();
    }

    @Test
    void pendingDeniedAndAlreadyIssuedRequestsAreLeftAlone() {
        csrs.put(request("pending", "u", "system:node:a", List.of("system:nodes"), KUBELET, NODE_USAGES));
        csrs.put(withCondition(
                request("denied", "u", "system:node:b", List.of("system:nodes"), KUBELET, NODE_USAGES), "Denied"));
        CertificateSigningRequest done = withCondition(
                request("done", "u", "system:node:c", List.of("system:nodes"), KUBELET, NODE_USAGES), "Approved");
        done.getStatus().setCertificate("Y2VydA==");
        csrs.put(done);
        csrs.put(withCondition(
                request("custom", "u", "x", List.of(), "example.com/signer", List.of("client auth")), "Approved"));

        for (String name : List.of("pending", "denied", "done", "custom", "gone")) controller.sync(name);

        assertThat(issued).isEmpty();
        assertThat(failed).isEmpty();
    }

    @Test
    void aRequestTheSignerMayNotSignFailsWithUpstreamsReasonAndMessage() {
        csrs.put(withCondition(
                request("ip", "u", "system:node:n1", List.of("system:nodes"), KUBELET, List.of("server auth")),
                "Approved"));
        csrs.put(
                withCondition(request("org", "u", "system:node:n1", List.of("dev"), KUBELET, NODE_USAGES), "Approved"));
        csrs.put(withCondition(
                request(
                        "client",
                        "u",
                        "alice",
                        List.of(),
                        "kubernetes.io/kube-apiserver-client",
                        List.of("server auth")),
                "Approved"));

        controller.sync("ip");
        controller.sync("org");
        controller.sync("client");

        assertThat(failed)
                .containsExactly(
                        "SignerValidationFailure: usages did not match [client auth digital signature key encipherment]",
                        "SignerValidationFailure: subject organization is not system:nodes",
                        "SignerValidationFailure: invalid usage for client certificate: server auth");
        assertThat(issued).isEmpty();
    }

    @Test
    void theLifetimeIsTheRequestedOneBetweenTenMinutesAndTheClusterMaximum() {
        assertThat(controller.duration(null)).isEqualTo(Duration.ofDays(365));
        assertThat(controller.duration(3600)).isEqualTo(Duration.ofHours(1));
        assertThat(controller.duration(60)).isEqualTo(Duration.ofMinutes(10));
        assertThat(controller.duration(Integer.MAX_VALUE)).isEqualTo(Duration.ofDays(365));
    }
}

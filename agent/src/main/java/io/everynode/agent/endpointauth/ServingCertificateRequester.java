package io.everynode.agent.endpointauth;

import io.everynode.api.certificates.KeyUsages;
import io.everynode.api.certificates.Signers;
import io.everynode.client.KubeClient;
import io.everynode.pki.CertificateAuthority;
import io.everynode.pki.Csrs;
import io.everynode.pki.KeyAndCertificate;
import io.everynode.pki.Pem;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serving certificate for a stand-alone agent's endpoint, as the kubelet gets one with
 * {@code serverTLSBootstrap}: the endpoint starts on a self-signed certificate (logged: the API
 * server does not trust it, so {@code kubectl logs} for this node fails until the next step), and
 * a CertificateSigningRequest with signer {@code kubernetes.io/kubelet-serving},
 * {@code CN=system:node:NAME}, {@code O=system:nodes}, the node's addresses and host names as
 * SANs and usages digital signature and server auth (a P-256 key) is created with the node's
 * own client. Upstream approves no serving request on its own and neither does Everynode:
 * {@code kubectl certificate approve NAME}. Every {@link #POLL} the request is read again; once
 * the cluster issued the certificate it replaces the self-signed one for new connections. A
 * denied or failed request is logged and no longer followed. Separate from the agent's client
 * credentials (package join).
 */
public final class ServingCertificateRequester implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServingCertificateRequester.class);
    static final Duration POLL = Duration.ofSeconds(5);
    static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(365);

    private final KubeClient client;
    private final String node;
    private final List<String> ipAddresses;
    private final List<String> dnsNames;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "agent-serving-csr");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param client calls as the node ({@code system:node:NAME}), which may create and read CSRs
     * @param ipAddresses the node's IP addresses (its status addresses), SANs of the certificate
     * @param dnsNames the node's host names, SANs too
     */
    public ServingCertificateRequester(
            KubeClient client, String node, List<String> ipAddresses, List<String> dnsNames, Clock clock) {
        this.client = client;
        this.node = node;
        this.ipAddresses = List.copyOf(ipAddresses);
        this.dnsNames = List.copyOf(dnsNames);
        this.clock = clock;
    }

    /** The endpoint's certificate, self-signed now; the request is sent and followed in the background. */
    public ServingCertificate start() {
        ServingCertificate serving = new ServingCertificate(CertificateAuthority.selfSignedServing(
                "system:node:" + node, dnsNames, ipAddresses, clock.instant(), SELF_SIGNED_VALIDITY));
        LOG.warn(
                "node {}: the log endpoint serves a self-signed certificate until its kubelet-serving"
                        + " CertificateSigningRequest is approved (kubectl get csr; kubectl certificate approve NAME);"
                        + " until then the API server does not trust it and kubectl logs fails for this node",
                node);
        timer.execute(() -> request(serving));
        return serving;
    }

    /** The CSR object this agent sends for {@code keys} (exposed for tests of its shape). */
    CertificateSigningRequest csrFor(KeyPair keys) {
        List<String> sans = new ArrayList<>(dnsNames);
        sans.addAll(ipAddresses);
        byte[] pem = Csrs.create(keys, "system:node:" + node, List.of("system:nodes"), sans);
        CertificateSigningRequestSpec spec = new CertificateSigningRequestSpec();
        spec.setRequest(Base64.getEncoder().encodeToString(pem));
        spec.setSignerName(Signers.KUBELET_SERVING);
        spec.setUsages(List.of(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.SERVER_AUTH));
        CertificateSigningRequest csr = new CertificateSigningRequest();
        csr.setMetadata(new ObjectMetaBuilder().withGenerateName("csr-").build());
        csr.setSpec(spec);
        return csr;
    }

    private void request(ServingCertificate serving) {
        KeyPair keys = Csrs.newKeyPair();
        String name;
        try {
            name = client.create(csrFor(keys)).getMetadata().getName();
        } catch (RuntimeException e) {
            LOG.warn("node {}: could not request a serving certificate ({}); staying self-signed", node, e.toString());
            return;
        }
        LOG.info("node {}: requested a serving certificate: CertificateSigningRequest {}", node, name);
        timer.scheduleWithFixedDelay(() -> follow(name, keys, serving), 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void follow(String name, KeyPair keys, ServingCertificate serving) {
        CertificateSigningRequest csr;
        try {
            csr = client.get(CertificateSigningRequest.class, null, name);
        } catch (RuntimeException e) {
            LOG.debug("node {}: reading CertificateSigningRequest {} failed: {}", node, name, e.toString());
            return;
        }
        if (csr == null || csr.getStatus() == null) return;
        if (csr.getStatus().getConditions() != null) {
            for (CertificateSigningRequestCondition c : csr.getStatus().getConditions()) {
                if (("Denied".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus())) {
                    LOG.warn(
                            "node {}: CertificateSigningRequest {} was {}: {}; the endpoint stays self-signed",
                            node,
                            name,
                            c.getType().toLowerCase(java.util.Locale.ROOT),
                            c.getMessage());
                    throw new StopFollowing();
                }
            }
        }
        String issued = csr.getStatus().getCertificate();
        if (issued == null || issued.isEmpty()) return;
        List<X509Certificate> chain =
                Pem.readCertificates(new String(Base64.getDecoder().decode(issued), StandardCharsets.US_ASCII));
        if (chain.isEmpty() || !chain.get(0).getPublicKey().equals(keys.getPublic())) {
            LOG.warn(
                    "node {}: CertificateSigningRequest {} carries a certificate for another key; ignored", node, name);
            throw new StopFollowing();
        }
        serving.set(new KeyAndCertificate(keys.getPrivate(), chain.get(0)));
        LOG.info("node {}: the log endpoint now serves the certificate the cluster issued (CSR {})", node, name);
        throw new StopFollowing();
    }

    /** Ends the scheduled follow (a periodic task that throws is not run again). */
    private static final class StopFollowing extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StopFollowing() {
            super(null, null, false, false);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package io.everynode.agent.join;

import io.everynode.api.certificates.CsrConditions;
import io.everynode.api.certificates.KeyUsages;
import io.everynode.api.certificates.Signers;
import io.everynode.client.KubeClient;
import io.everynode.client.WatchEvent;
import io.everynode.client.WatchHandle;
import io.everynode.client.Watcher;
import io.everynode.pki.Csrs;
import io.everynode.pki.KeyAndCertificate;
import io.everynode.pki.Pem;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Obtains a node client certificate the kubelet's way: a new ECDSA P-256 key (it never leaves
 * this process but for the node's own files), a CertificateSigningRequest for
 * {@code CN=system:node:NAME, O=system:nodes} to the signer
 * {@code kubernetes.io/kube-apiserver-client-kubelet} with the usages digital signature and
 * client auth, then a watch on it until it is issued. Who asks decides the approval: a bootstrap
 * token's user is approved as {@code nodeclient}, the node itself (renewing) as
 * {@code selfnodeclient}; anyone else waits for {@code kubectl certificate approve}.
 */
public final class NodeCertificateRequest {
    static final String NAME_PREFIX = "node-csr-";

    private final Clock clock;
    private final Duration wait;

    /** @param wait how long to wait for approval and the certificate before giving up */
    public NodeCertificateRequest(Clock clock, Duration wait) {
        this.clock = clock;
        this.wait = wait;
    }

    /**
     * @param lifetime the {@code spec.expirationSeconds} to ask for (the signer grants at least
     *     ten minutes and at most its own duration), or null for the signer's duration
     * @throws JoinFailure when the request is refused, denied, fails, or is not signed in time
     */
    public KeyAndCertificate request(KubeClient client, String nodeName, Duration lifetime) {
        KeyPair keys = Csrs.newKeyPair();
        byte[] pem = Csrs.create(keys, "system:node:" + nodeName, List.of("system:nodes"), List.of());
        CertificateSigningRequest created;
        try {
            created = client.create(new CertificateSigningRequestBuilder()
                    .withNewMetadata()
                    .withGenerateName(NAME_PREFIX)
                    .endMetadata()
                    .withNewSpec()
                    .withRequest(Base64.getEncoder().encodeToString(pem))
                    .withSignerName(Signers.KUBE_APISERVER_CLIENT_KUBELET)
                    .withUsages(KeyUsages.DIGITAL_SIGNATURE, KeyUsages.CLIENT_AUTH)
                    .withExpirationSeconds(lifetime == null ? null : (int) lifetime.toSeconds())
                    .endSpec()
                    .build());
        } catch (RuntimeException e) {
            throw new JoinFailure(
                    "cannot create a certificate signing request for node " + nodeName + ": " + e.getMessage(), e);
        }
        String name = created.getMetadata().getName();
        X509Certificate cert = Pem.readCertificate(
                new String(Base64.getDecoder().decode(awaitIssued(client, created)), StandardCharsets.US_ASCII));
        if (!cert.getPublicKey().equals(keys.getPublic()))
            throw new JoinFailure("the certificate issued for " + name + " is not for this node's key");
        return new KeyAndCertificate(keys.getPrivate(), cert);
    }

    /** The issued certificate (base64 PEM), watching the request from the version created. */
    private String awaitIssued(KubeClient client, CertificateSigningRequest created) {
        String name = created.getMetadata().getName();
        Instant deadline = clock.instant().plus(wait);
        BlockingQueue<CertificateSigningRequest> seen = new LinkedBlockingQueue<>();
        seen.add(created);
        String from = created.getMetadata().getResourceVersion();
        while (true) {
            WatchHandle watch = openWatch(client, name, from, seen);
            try {
                while (true) {
                    Duration left = Duration.between(clock.instant(), deadline);
                    if (left.isNegative() || left.isZero())
                        throw new JoinFailure("timed out waiting for the certificate signing request " + name
                                + " to be approved and signed (approve it with: kubectl certificate approve " + name
                                + ")");
                    CertificateSigningRequest csr = seen.poll(Math.min(left.toMillis(), 1000), TimeUnit.MILLISECONDS);
                    if (csr == null) {
                        if (watch == null) break; // reopen
                        continue;
                    }
                    if (csr.getMetadata() == null) break; // the watch ended: reopen from the last version
                    from = csr.getMetadata().getResourceVersion();
                    refuseIfEnded(csr);
                    if (CsrConditions.issued(csr)) return csr.getStatus().getCertificate();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JoinFailure("interrupted while waiting for " + name, e);
            } finally {
                if (watch != null) watch.close();
            }
        }
    }

    private static WatchHandle openWatch(
            KubeClient client, String name, String from, BlockingQueue<CertificateSigningRequest> seen) {
        try {
            return client.watch(
                    CertificateSigningRequest.class,
                    null,
                    new ListOptionsBuilder()
                            .withFieldSelector("metadata.name=" + name)
                            .withResourceVersion(from)
                            .withTimeoutSeconds(60L)
                            .build(),
                    new Watcher<>() {
                        @Override
                        public void onEvent(WatchEvent<CertificateSigningRequest> event) {
                            if (event.type() != WatchEvent.Type.DELETED) seen.add(event.object());
                        }

                        @Override
                        public void onClose(Exception cause) {
                            seen.add(new CertificateSigningRequest()); // no metadata: the watch ended
                        }
                    });
        } catch (RuntimeException e) {
            // The next round reads the request again (a compacted version, a connection that failed).
            try {
                seen.add(client.get(CertificateSigningRequest.class, null, name));
            } catch (RuntimeException again) {
                throw new JoinFailure(
                        "cannot follow the certificate signing request " + name + ": " + again.getMessage(), again);
            }
            return null;
        }
    }

    private static void refuseIfEnded(CertificateSigningRequest csr) {
        for (String type : List.of(CsrConditions.DENIED, CsrConditions.FAILED)) {
            if (CsrConditions.has(csr, type)) {
                CertificateSigningRequestCondition c = CsrConditions.conditions(csr).stream()
                        .filter(x -> type.equals(x.getType()))
                        .findFirst()
                        .orElseThrow();
                throw new JoinFailure("the certificate signing request "
                        + csr.getMetadata().getName() + " was "
                        + (type.equals(CsrConditions.DENIED) ? "denied" : "not signed") + ": " + c.getReason()
                        + (c.getMessage() == null || c.getMessage().isEmpty() ? "" : " (" + c.getMessage() + ")"));
            }
        }
    }
}

package io.everynode.agent.join;

import io.everynode.client.KubeClient;
import io.everynode.client.Kubeconfig;
import io.everynode.pki.KeyAndCertificate;
import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a joined node's client certificate before it expires, as the kubelet's certificate
 * manager does: once a point between 70 % and 90 % of the certificate's life has passed (drawn
 * afresh for each certificate, so that a fleet that joined together does not renew together, and
 * early enough that a renewal that fails has a tenth of the life or more to be retried in), it
 * asks for a new certificate with a new key, calling as the node itself (approved as
 * {@code selfnodeclient}), writes it in place of the old one and hands the new credentials to
 * {@code onRenewed}, which swaps them into the running client. The decision runs on the injected
 * clock; a failed renewal is logged and tried again at the next check.
 */
public final class CertificateRotation implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CertificateRotation.class);

    private final NodeCredentialFiles files;
    private final String nodeName;
    private final KubeClient client;
    private final NodeCertificateRequest requests;
    private final Duration lifetime;
    private final Clock clock;
    private final DoubleSupplier jitter;
    private final Consumer<Kubeconfig> onRenewed;
    private final ScheduledExecutorService timer;

    private BigInteger serial;
    private Instant due;

    /**
     * @param client calls as the node (its current certificate); {@code onRenewed} must make it
     *     use the new one
     * @param lifetime the lifetime to ask for, or null for the signer's
     * @param jitter uniform in [0, 1): where between 70 % and 90 % a certificate is renewed
     */
    public CertificateRotation(
            NodeCredentialFiles files,
            String nodeName,
            KubeClient client,
            NodeCertificateRequest requests,
            Duration lifetime,
            Clock clock,
            DoubleSupplier jitter,
            Consumer<Kubeconfig> onRenewed) {
        this.files = files;
        this.nodeName = nodeName;
        this.client = client;
        this.requests = requests;
        this.lifetime = lifetime;
        this.clock = clock;
        this.jitter = jitter;
        this.onRenewed = onRenewed;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "certificate-rotation-" + nodeName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks every {@code every} whether the current certificate is due. */
    public CertificateRotation start(Duration every) {
        timer.scheduleWithFixedDelay(this::checkQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** When the certificate {@code cert} is renewed, for a jitter draw {@code u} in [0, 1). */
    static Instant renewalTime(X509Certificate cert, double u) {
        Instant from = cert.getNotBefore().toInstant();
        long life = Duration.between(from, cert.getNotAfter().toInstant()).toMillis();
        return from.plusMillis(Math.round(life * (0.7 + 0.2 * u)));
    }

    /**
     * Renews the certificate if its time has come.
     *
     * @return whether it was renewed
     */
    public synchronized boolean rotateIfDue() throws IOException {
        Kubeconfig current = files.load();
        X509Certificate cert = current.clientCertificates().get(0);
        if (!cert.getSerialNumber().equals(serial)) {
            serial = cert.getSerialNumber();
            due = renewalTime(cert, jitter.getAsDouble());
        }
        if (clock.instant().isBefore(due)) return false;
        log.info(
                "node {}: renewing its client certificate (serial {}, expires {})",
                nodeName,
                serial,
                cert.getNotAfter());
        KeyAndCertificate renewed = requests.request(client, nodeName, lifetime);
        files.writeCertificate(renewed);
        Kubeconfig next = Kubeconfig.load(files.kubeconfig());
        onRenewed.accept(next);
        log.info(
                "node {}: client certificate renewed (serial {}, expires {})",
                nodeName,
                renewed.certificate().getSerialNumber(),
                renewed.certificate().getNotAfter());
        return true;
    }

    private void checkQuietly() {
        try {
            rotateIfDue();
        } catch (IOException | RuntimeException e) {
            log.warn("node {}: client certificate renewal failed, trying again later: {}", nodeName, e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

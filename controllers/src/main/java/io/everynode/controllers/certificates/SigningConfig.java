package io.everynode.controllers.certificates;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;

/**
 * The CA the signing controller issues with, and the longest certificate it issues
 * (kube-controller-manager's {@code --cluster-signing-duration}, one year by default); a request's
 * {@code spec.expirationSeconds} may ask for less.
 */
public record SigningConfig(X509Certificate ca, PrivateKey caKey, Duration clusterSigningDuration) {
    public static final Duration DEFAULT_DURATION = Duration.ofDays(365);

    public SigningConfig {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(caKey, "caKey");
        Objects.requireNonNull(clusterSigningDuration, "clusterSigningDuration");
    }

    public static SigningConfig of(X509Certificate ca, PrivateKey caKey) {
        return new SigningConfig(ca, caKey, DEFAULT_DURATION);
    }
}

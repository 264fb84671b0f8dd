package io.everynode.dashboard;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the dashboard calls the API back as its callers.
 *
 * @param apiTrust the TLS settings to call the API server's own port with (the cluster CA as
 *     trust, no client certificate: the caller's bearer token is the only identity sent), or
 *     null for plain HTTP on loopback (an open server: tests and the library's default)
 * @param flushEvery how long the fleet stream gathers changes before it sends them as one batch
 * @param keepAliveEvery how often a quiet fleet stream sends a line, so a browser gone away is noticed
 * @param clock the why answers' "now", and the sessions' clock
 * @param clusterCa the CA the API trusts client certificates of, for signing in with one
 *     (signin.CertificateSignIn); null: no certificate sign-in (a server without TLS)
 * @param sessionTtl how long a session given for a client certificate lives (never past the
 *     certificate's own end)
 */
public record DashboardConfig(
        SSLContext apiTrust,
        Duration flushEvery,
        Duration keepAliveEvery,
        Clock clock,
        X509Certificate clusterCa,
        Duration sessionTtl) {
    public DashboardConfig {
        Objects.requireNonNull(sessionTtl);
        Objects.requireNonNull(flushEvery);
        Objects.requireNonNull(keepAliveEvery);
        Objects.requireNonNull(clock);
        if (flushEvery.isZero() || flushEvery.isNegative())
            throw new IllegalArgumentException("flushEvery must be positive");
        if (keepAliveEvery.compareTo(flushEvery) < 0)
            throw new IllegalArgumentException("keepAliveEvery must be at least flushEvery");
    }

    /**
     * Batches of 250 ms (four redraws a second at most, whatever the fleet's churn), a line
     * every 5 s on a quiet stream (well inside the front's idle timeout), sessions of an hour
     * (as short as a workday's sign-in can be without nagging), no certificate sign-in.
     */
    public static DashboardConfig of(SSLContext apiTrust) {
        return new DashboardConfig(
                apiTrust, Duration.ofMillis(250), Duration.ofSeconds(5), Clock.systemUTC(), null, Duration.ofHours(1));
    }

    /** This config, signing in client certificates of {@code ca}. */
    public DashboardConfig withClusterCa(X509Certificate ca) {
        return new DashboardConfig(apiTrust, flushEvery, keepAliveEvery, clock, ca, sessionTtl);
    }

    /** The defaults, calling the API over TLS trusting {@code clusterCa} alone, or plain HTTP when it is null. */
    public static DashboardConfig trusting(X509Certificate clusterCa) {
        if (clusterCa == null) return of(null);
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("cluster-ca", clusterCa);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return of(ssl).withClusterCa(clusterCa);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot trust the cluster CA: " + e.getMessage(), e);
        }
    }
}

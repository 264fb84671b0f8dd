package io.everynode.apiserver.tls;

import io.everynode.pki.KeyAndCertificate;
import java.security.KeyStore;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * SSLContexts for the tests' own HTTPS clients. Each trusts one CA and checks what the server
 * presents against it: no test needs a context that trusts anything.
 */
final class TlsClients {
    private static final char[] PASSWORD = "test".toCharArray();

    private TlsClients() {}

    /** Trusts {@code ca} now; presents {@code client} when not null. */
    static SSLContext context(X509Certificate ca, KeyAndCertificate client) throws Exception {
        return context(ca, client, Instant.now());
    }

    /**
     * Trusts {@code ca}, checking validity periods as of {@code at} (a test's manual clock, for
     * certificates issued in its future); presents {@code client} when not null.
     */
    static SSLContext context(X509Certificate ca, KeyAndCertificate client, Instant at) throws Exception {
        KeyStore trust = emptyStore();
        trust.setCertificateEntry("ca", ca);
        PKIXBuilderParameters pkix = new PKIXBuilderParameters(trust, new X509CertSelector());
        pkix.setRevocationEnabled(false);
        pkix.setDate(Date.from(at));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(new CertPathTrustManagerParameters(pkix));
        KeyStore keys = emptyStore();
        if (client != null)
            keys.setKeyEntry("client", client.key(), PASSWORD, new X509Certificate[] {client.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static KeyStore emptyStore() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }
}

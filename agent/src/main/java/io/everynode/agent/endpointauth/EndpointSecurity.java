package io.everynode.agent.endpointauth;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a node agent's endpoint is secured: HTTPS with {@code serving}, client certificates that
 * chain to {@code clientCas} (the cluster CA) as the only way in, and {@code authorizer} deciding
 * what each caller may do.
 */
public record EndpointSecurity(
        ServingCertificate serving, List<X509Certificate> clientCas, EndpointAuthorizer authorizer) {
    public EndpointSecurity {
        Objects.requireNonNull(serving, "serving");
        Objects.requireNonNull(authorizer, "authorizer");
        clientCas = List.copyOf(clientCas);
        if (clientCas.isEmpty()) throw new IllegalArgumentException("a CA for client certificates is needed");
    }

    /** A TLS context serving {@link #serving}'s current certificate and trusting client certificates of {@link #clientCas} only. */
    public SSLContext sslContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < clientCas.size(); i++) trust.setCertificateEntry("ca-" + i, clientCas.get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new ServingKeyManager(serving)}, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("unusable client CA for the agent's endpoint: " + e.getMessage(), e);
        }
    }
}

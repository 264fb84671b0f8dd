package io.everynode.apiserver.rest;

import io.everynode.apiserver.auth.KubeletClientTls;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context the API server calls node agents with: its kubelet-client key and certificate
 * as the client identity, the agents' CA as the only trust (never the JDK's default CAs).
 */
final class KubeletTlsContext {
    /** Password of key stores that live in memory only. */
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private KubeletTlsContext() {}

    static SSLContext of(KubeletClientTls tls) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("kubelet-client", tls.key(), IN_MEMORY, new X509Certificate[] {tls.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, IN_MEMORY);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < tls.agentCas().size(); i++)
                trust.setCertificateEntry("ca-" + i, tls.agentCas().get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("unusable kubelet client certificate or CA: " + e.getMessage(), e);
        }
    }
}

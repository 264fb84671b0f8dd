package io.everynode.apiserver.tls;

import io.everynode.pki.KeyAndCertificate;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** SSLContexts for the tests' own HTTPS clients. */
final class TlsClients {
    private static final char[] PASSWORD = "test".toCharArray();

    private TlsClients() {}

    /** Trusts {@code ca}; presents {@code client} when not null. */
    static SSLContext context(X509Certificate ca, KeyAndCertificate client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (client != null)
            keys.setKeyEntry("client", client.key(), PASSWORD, new X509Certificate[] {client.certificate()});
        kmf.init(keys, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Accepts any server certificate: only to look at what a server presents. */
    static SSLContext trustingAnything() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(
                null,
                new TrustManager[] {
                    new X509ExtendedTrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {}

                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }
                },
                null);
        return ctx;
    }
}

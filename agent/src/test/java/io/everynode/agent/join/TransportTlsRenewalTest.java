package io.everynode.agent.join;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.everynode.client.ClientConfig;
import io.everynode.client.HttpTransport;
import io.everynode.client.Kubeconfig;
import io.everynode.client.Transport;
import io.everynode.pki.CertificateAuthority;
import io.everynode.pki.KeyAndCertificate;
import io.everynode.pki.KeyPairs;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seam rotation relies on: {@link HttpTransport#renewTls} makes the same transport present
 * the new client certificate, seen by a real TLS server that requires one and answers with the
 * subject it was shown.
 */
class TransportTlsRenewalTest {
    private final Instant now = Instant.now();
    private final CertificateAuthority ca = CertificateAuthority.create("test-ca", now);
    private HttpsServer server;

    @BeforeEach
    void start() throws Exception {
        KeyPair keys = KeyPairs.ecP256();
        X509Certificate serving =
                ca.issueServing(keys.getPublic(), "server", List.of(), List.of("127.0.0.1"), now, Duration.ofHours(1));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", keys.getPrivate(), new char[0], new Certificate[] {serving});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                var p = ssl.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            X509Certificate peer =
                    (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
            byte[] body = peer.getSubjectX500Principal().getName().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Connection", "close");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SSLContext clientTls(String user) {
        KeyAndCertificate c = ca.newClient(user, List.of("system:nodes"), now, Duration.ofHours(1));
        URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
        return new Kubeconfig(url, List.of(ca.certificate()), c.key(), List.of(c.certificate()), null).sslContext();
    }

    private static String whoAmI(HttpTransport t) throws Exception {
        Transport.Response r = t.send(new Transport.Request("GET", "/", Map.of(), null, null));
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aRenewedTransportPresentsTheNewClientCertificate() throws Exception {
        HttpTransport t = new HttpTransport(
                URI.create("https://127.0.0.1:" + server.getAddress().getPort()),
                ClientConfig.defaults(),
                clientTls("system:node:old"),
                null);
        assertThat(whoAmI(t)).startsWith("CN=system:node:old");

        t.renewTls(clientTls("system:node:new"));

        assertThat(whoAmI(t)).startsWith("CN=system:node:new");
        t.close();
    }
}

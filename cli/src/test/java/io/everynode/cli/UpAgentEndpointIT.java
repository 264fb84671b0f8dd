package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.pki.ClusterPki;
import io.everynode.pki.KeyAndCertificate;
import io.fabric8.kubernetes.api.model.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint of {@code up}'s agents: HTTPS on a certificate of the cluster CA, the API server's client certificate only. */
class UpAgentEndpointIT {
    @TempDir
    Path dir;

    private static SSLContext tls(KeyAndCertificate client, X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (client != null) {
            keys.setKeyEntry("me", client.key(), "x".toCharArray(), new X509Certificate[] {client.certificate()});
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static HttpResponse<String> get(int port, KeyAndCertificate client, X509Certificate ca) throws Exception {
        // the certificate's SAN is the nodes' InternalIP, 127.0.0.1: the JDK checks it as the API server does
        HttpClient http = HttpClient.newBuilder().sslContext(tls(client, ca)).build();
        return http.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/containerLogs/default/none/main"))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void upsAgentsServeHttpsAndAnswerOnlyTheApiServersClientCertificate() throws Exception {
        UpCommand c = new UpCommand();
        c.nodes = 1;
        c.port = 0;
        c.dataDir = dir.resolve("cluster");
        try (UpCluster r = c.open()) {
            ClusterPki pki = r.controlPlane.pki();
            X509Certificate ca = pki.ca().certificate();
            int port = r.client()
                    .get(Node.class, null, "node-1")
                    .getStatus()
                    .getDaemonEndpoints()
                    .getKubeletEndpoint()
                    .getPort();

            var anonymous = get(port, null, ca);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).isEqualTo("Unauthorized\n");

            KeyAndCertificate viewer =
                    pki.ca().newClient("someone", List.of("viewers"), java.time.Instant.now(), Duration.ofDays(1));
            var forbidden = get(port, viewer, ca);
            assertThat(forbidden.statusCode()).isEqualTo(403);
            assertThat(forbidden.body())
                    .isEqualTo("Forbidden (user=someone, verb=get, resource=nodes, subresource(s)=[proxy])\n");

            // past the checks: the agent's own answer for a pod no node of it runs
            var apiserver = get(port, pki.kubeletClient(), ca);
            assertThat(apiserver.statusCode()).isEqualTo(404);
            assertThat(apiserver.body()).contains("pod \"none\" in namespace \"default\" is not running on this node");
        }
    }
}

package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.endpointauth.EndpointSecurity;
import io.everynode.agent.endpointauth.ServingCertificate;
import io.everynode.agent.endpointauth.SubjectAccessReviewAuthorizer;
import io.everynode.agent.logs.LogEndpoint;
import io.everynode.client.KubeClient;
import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.InProcessNodeClients;
import io.everynode.pki.CertificateAuthority;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.KeyAndCertificate;
import io.everynode.pki.SubjectAltNames;
import io.everynode.testkit.Kubectl;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node agent's endpoint on a TLS cluster: HTTPS with a certificate the cluster CA signed, only
 * the cluster's client certificates, each caller authorized by a SubjectAccessReview as the
 * kubelet does; kubectl logs goes through the API server's kubelet-client certificate. One
 * cluster and agent serve the class; the test that swaps the agent's certificate runs first, on
 * connections no other test opened, and puts the cluster-signed one back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureAgentEndpointIT {
    private static final String START_LINE = "simulated container main started (image busybox:1.36)\n";

    @TempDir
    static Path dir;

    private static ClusterPki pki;
    private static ControlPlane cp;
    private static InProcessNodeClients nodeClients;
    private static SimulatedRuntime runtime;
    private static NodeAgent agent;
    private static EndpointSecurity security;
    private static Path kubeconfig;

    @BeforeAll
    static void start() throws Exception {
        pki = ClusterPki.open(
                dir.resolve("data"),
                new SubjectAltNames(List.of("localhost"), List.of("127.0.0.1")),
                Clock.systemUTC());
        // with the controllers: pods get their ServiceAccount's token as upstream's do
        cp = ControlPlane.builder()
                .secure(pki)
                .controllers(io.everynode.controllers.manager.ControllerManagerConfig.defaults())
                .build()
                .start();
        nodeClients = new InProcessNodeClients(cp.api());
        KubeClient node = nodeClients.forNode("n1");
        security = new EndpointSecurity(
                new ServingCertificate(pki.nodeServing("n1", List.of("127.0.0.1"))),
                List.of(pki.ca().certificate()),
                new SubjectAccessReviewAuthorizer(node, Clock.systemUTC()));
        runtime = new SimulatedRuntime(
                TestCluster.runtimeConfig().withLogDir(dir.resolve("logs")), Clock.systemUTC(), "n1");
        agent = NodeAgent.start(
                node,
                TestCluster.agentConfig("n1"),
                runtime,
                Clock.systemUTC(),
                LogEndpoint.direct("127.0.0.1", 0).withSecurity(security));
        kubeconfig = pki.writeAdminKubeconfig(dir.resolve("kubeconfig"), cp.url());
        cp.client().create(TestCluster.pod("web", "n1").build());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestCluster.runningAndReady(
                        cp.client().get(io.fabric8.kubernetes.api.model.Pod.class, "default", "web")));
    }

    @AfterAll
    static void stop() {
        if (agent != null) agent.close();
        if (runtime != null) runtime.close();
        if (nodeClients != null) nodeClients.close();
        if (cp != null) cp.close();
    }

    private static int agentPort() {
        return cp.client()
                .get(io.fabric8.kubernetes.api.model.Node.class, null, "n1")
                .getStatus()
                .getDaemonEndpoints()
                .getKubeletEndpoint()
                .getPort();
    }

    /** GET the pod's log straight from the agent, presenting {@code client} (null: no certificate). */
    private static HttpResponse<String> direct(KeyAndCertificate client) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(tls(client, pki.ca().certificate()))
                .build();
        return http.send(
                HttpRequest.newBuilder(
                                URI.create("https://127.0.0.1:" + agentPort() + "/containerLogs/default/web/main"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static SSLContext tls(KeyAndCertificate client, X509Certificate trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (client != null) {
            keys.setKeyEntry("me", client.key(), "x".toCharArray(), new X509Certificate[] {client.certificate()});
        }
        kmf.init(keys, "x".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        KeyManager[] managers = client == null
                ? kmf.getKeyManagers()
                : new KeyManager[] {new Presenting((X509ExtendedKeyManager) kmf.getKeyManagers()[0])};
        ctx.init(managers, tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * Presents the one client certificate whatever CAs the server names: the JDK's own key manager
     * sends none whose issuer the server did not list, and the test must see the server refuse it.
     */
    private static final class Presenting extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        Presenting(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "me";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "me";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"me"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    @Test
    void kubectlLogsReachesTheAgentOverTlsAsTheApiServersKubeletClient() throws Exception {
        Kubectl kubectl = Kubectl.forKubeconfig(kubeconfig, dir.resolve("kubectl-logs"));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(kubectl.ok("logs", "web")).isEqualTo(START_LINE));
    }

    @Test
    void aRequestWithoutAClientCertificateIsUnauthorized() throws Exception {
        var r = direct(null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("Unauthorized\n");
    }

    @Test
    void aClusterUserWithoutNodesProxyIsForbiddenInTheKubeletsWords() throws Exception {
        KeyAndCertificate alice = pki.ca()
                .newClient("alice", List.of("developers"), Clock.systemUTC().instant(), Duration.ofDays(1));
        var r = direct(alice);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("Forbidden (user=alice, verb=get, resource=nodes, subresource(s)=[proxy])\n");
    }

    @Test
    void theApiServersKubeletClientCertificateIsServed() throws Exception {
        var r = direct(pki.kubeletClient());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(START_LINE);
    }

    @Test
    void aClientCertificateOfAnotherCaDoesNotGetThroughTheHandshake() {
        CertificateAuthority other =
                CertificateAuthority.create("other", Clock.systemUTC().instant());
        KeyAndCertificate stranger = other.newClient(
                "kube-apiserver-kubelet-client", List.of(), Clock.systemUTC().instant(), Duration.ofDays(1));
        assertThatThrownBy(() -> direct(stranger)).isInstanceOf(IOException.class);
    }

    @Test
    @Order(1)
    void anAgentOnASelfSignedCertificateIsNotTrustedByTheApiServer() throws Exception {
        KeyAndCertificate signed = security.serving().current();
        security.serving()
                .set(CertificateAuthority.selfSignedServing(
                        "system:node:n1",
                        List.of("n1"),
                        List.of("127.0.0.1"),
                        Clock.systemUTC().instant(),
                        Duration.ofDays(1)));
        try {
            Kubectl kubectl = Kubectl.forKubeconfig(kubeconfig, dir.resolve("kubectl-self-signed"));
            var r = kubectl.run("logs", "web");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).contains("node agent of node \"n1\"").contains("is not trusted");
        } finally {
            security.serving().set(signed);
        }
    }
}

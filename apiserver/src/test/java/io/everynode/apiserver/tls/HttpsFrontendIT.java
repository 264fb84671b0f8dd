package io.everynode.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.apiserver.http.HttpFrontend;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.pki.CertificateAuthority;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.KeyAndCertificate;
import io.everynode.pki.Pem;
import io.everynode.pki.SubjectAltNames;
import io.everynode.testkit.Kubeconfig;
import io.everynode.testkit.Kubectl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secure server (HTTPS, every request authenticated) driven by the real kubectl with the admin
 * kubeconfig {@link ClusterPki} writes, by kubeconfigs of other users, and by the JDK's client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsFrontendIT {
    private static final SubjectAltNames LOOPBACK =
            new SubjectAltNames(List.of("localhost"), List.of("127.0.0.1", "::1"));

    Path dir;
    ClusterPki pki;
    TestServer server;
    Kubectl admin;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        pki = ClusterPki.open(dir.resolve("data"), LOOPBACK, Clock.systemUTC());
        server = TestServer.secure(pki, Clock.systemUTC());
        admin = Kubectl.forKubeconfig(
                pki.writeAdminKubeconfig(dir.resolve("admin.kubeconfig"), server.url()), dir.resolve("admin"));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theAdminKubeconfigLetsKubectlWorkOverTls() {
        assertThat(server.url()).startsWith("https://127.0.0.1:");
        assertThat(admin.ok("get", "namespaces", "-o", "name")).contains("namespace/default");
        admin.ok("create", "configmap", "over-tls", "--from-literal=a=b");
        assertThat(admin.ok("get", "configmap", "over-tls", "-o", "jsonpath={.data.a}"))
                .isEqualTo("b");
    }

    @Test
    void kubectlWithACredentialNoAuthenticatorKnowsIsToldToLogIn() throws Exception {
        Kubectl stranger = Kubectl.forKubeconfig(
                Kubeconfig.withToken(dir.resolve("stranger.kubeconfig"), server.url(), caPem(), "not-a-token"),
                dir.resolve("stranger"));
        Kubectl.Result r = stranger.run("get", "pods");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("You must be logged in to the server");
    }

    @Test
    void anonymousRequestsGet401ExceptOnThePublicPaths() throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(TlsClients.context(pki.ca().certificate(), null))
                .build();
        HttpResponse<String> api = get(http, "/api/v1/namespaces");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("\"kind\":\"Status\"", "\"reason\":\"Unauthorized\"");
        for (String path : List.of("/healthz", "/livez", "/readyz", "/version")) {
            assertThat(get(http, path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void aClientCertificateOfTheClusterCaAuthenticatesItsCommonName() throws Exception {
        KeyAndCertificate jane =
                pki.ca().newClient("jane", List.of("dev"), Clock.systemUTC().instant(), Duration.ofDays(1));
        HttpClient http = HttpClient.newBuilder()
                .sslContext(TlsClients.context(pki.ca().certificate(), jane))
                .build();
        // Authenticated as jane (no RBAC grant yet): 403 naming her, not the anonymous 401.
        HttpResponse<String> refused = get(http, "/api/v1/namespaces");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("User \\\"jane\\\" cannot list resource \\\"namespaces\\\"");
        Kubectl janeKubectl = Kubectl.forKubeconfig(
                Kubeconfig.withClientCertificate(
                        dir.resolve("jane.kubeconfig"),
                        server.url(),
                        caPem(),
                        Pem.certificate(jane.certificate()),
                        Pem.privateKey(jane.key())),
                dir.resolve("jane"));
        // Everyone authenticated may ask who they are (system:basic-user): CN the user, O the groups.
        assertThat(janeKubectl.ok(
                        "auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}"))
                .isEqualTo("jane [\"dev\",\"system:authenticated\"]");
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() throws Exception {
        CertificateAuthority other =
                CertificateAuthority.create("impostor", Clock.systemUTC().instant());
        KeyAndCertificate mallory = other.newClient(
                "mallory", List.of("system:masters"), Clock.systemUTC().instant(), Duration.ofDays(1));
        Kubectl malloryKubectl = Kubectl.forKubeconfig(
                Kubeconfig.withClientCertificate(
                        dir.resolve("mallory.kubeconfig"),
                        server.url(),
                        caPem(),
                        Pem.certificate(mallory.certificate()),
                        Pem.privateKey(mallory.key())),
                dir.resolve("mallory"));
        Kubectl.Result r = malloryKubectl.run("get", "namespaces");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.out()).doesNotContain("default");
    }

    @Test
    void aServerThatDoesNotKnowTheClusterCaIsNotTrusted() throws Exception {
        CertificateAuthority other =
                CertificateAuthority.create("other", Clock.systemUTC().instant());
        HttpClient http = HttpClient.newBuilder()
                .sslContext(TlsClients.context(other.certificate(), null))
                .build();
        assertThatThrownBy(() -> get(http, "/healthz")).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void aNonLoopbackBindIsRefusedWithoutTlsAndAllowedWithIt() {
        assertThatThrownBy(() -> HttpFrontend.checkBind("192.0.2.10", false))
                .hasMessageContaining("refusing to bind 192.0.2.10 without TLS");
        HttpFrontend.checkBind("192.0.2.10", true);
        HttpFrontend.checkBind("127.0.0.1", false);
        HttpFrontend.checkBind("::1", false);
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String caPem() {
        return Pem.certificate(pki.ca().certificate());
    }
}

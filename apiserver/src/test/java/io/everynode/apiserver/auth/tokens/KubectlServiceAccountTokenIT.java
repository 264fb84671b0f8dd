package io.everynode.apiserver.auth.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.watch.PooledDispatch;
import io.everynode.testkit.Kubectl;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl create token} against a server with a ServiceAccount key (open for requests
 * without credentials, as every test server), then calls with the token. kubectl (client-go)
 * sends no bearer token over plain HTTP, and this server has no TLS until the pki part lands, so
 * the calls with the token are made with the JDK's HTTP client. (A request without a token is an
 * administrator here: the refusals show the token is read, the 200s that it is accepted.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlServiceAccountTokenIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private final KeyPair keys = Keys.rsa();
    private TestServer server;
    private Kubectl kubectl;
    private String accountUid;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        SecurityConfig security = SecurityConfig.open().withServiceAccountKeys(keys);
        server = TestServer.memory(
                ApiServerConfig.defaults().withSecurity(security), Clock.systemUTC(), PooledDispatch.forMachine());
        kubectl = Kubectl.forServer(server.url(), dir);
        kubectl.ok("create", "namespace", "team");
        kubectl.ok("create", "serviceaccount", "builder", "-n", "team");
        // RBAC: the account may read pods and service accounts in its namespace, nothing more.
        kubectl.ok("create", "role", "reader", "--verb=get,list", "--resource=pods,serviceaccounts", "-n", "team");
        kubectl.ok(
                "create",
                "rolebinding",
                "builder-reads",
                "--role=reader",
                "--serviceaccount=team:builder",
                "-n",
                "team");
        accountUid = kubectl.ok("get", "sa", "builder", "-n", "team", "-o", "jsonpath={.metadata.uid}");
        new RawApi(server.url())
                .create(
                        "/api/v1/namespaces/team/pods",
                        "{\"metadata\":{\"name\":\"web\"},\"spec\":{\"serviceAccountName\":\"builder\","
                                + "\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void kubectlCreateTokenPrintsATokenThatKubectlCanCallWith() throws Exception {
        String token = kubectl.ok("create", "token", "builder", "-n", "team").trim();

        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getSubject())
                .isEqualTo("system:serviceaccount:team:builder");
        HttpResponse<String> r = get("/api/v1/namespaces/team/pods", token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"web\"");
    }

    @Test
    void durationAndAudienceReachTheToken() throws Exception {
        String token = kubectl.ok("create", "token", "builder", "-n", "team", "--duration=15m", "--audience=vault")
                .trim();

        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("vault");
        assertThat(Duration.between(
                        claims.getIssueTime().toInstant(),
                        claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        // The API server's audience is the issuer: a token for vault is not for it.
        assertUnauthorized(token);
    }

    @Test
    void aDurationUnderTenMinutesIsRefusedWithUpstreamsMessage() {
        Kubectl.Result r = kubectl.run("create", "token", "builder", "-n", "team", "--duration=5m");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("may not specify a duration less than 10 minutes");
    }

    @Test
    void aPodBoundTokenNamesThePod() throws Exception {
        String token = kubectl.ok(
                        "create",
                        "token",
                        "builder",
                        "-n",
                        "team",
                        "--bound-object-kind=Pod",
                        "--bound-object-name=web")
                .trim();

        Object k8s = SignedJWT.parse(token).getJWTClaimsSet().getClaim("kubernetes.io");
        assertThat(k8s.toString()).contains("pod={name=web");
        assertThat(get("/api/v1/namespaces/team/serviceaccounts/builder", token).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthorized() throws Exception {
        String forged = new TokenSigner(Keys.rsa()).sign(claims(Instant.now(), Duration.ofHours(1)));

        assertUnauthorized(forged);
    }

    @Test
    void anExpiredTokenIsUnauthorized() throws Exception {
        String expired =
                new TokenSigner(keys).sign(claims(Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1)));
        String fresh = new TokenSigner(keys).sign(claims(Instant.now(), Duration.ofHours(1)));
        assertThat(get("/api/v1/namespaces/team/pods", fresh).statusCode()).isEqualTo(200);

        assertUnauthorized(expired);
    }

    /** GET {@code path} with {@code Authorization: Bearer token}. */
    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Authorization", "Bearer " + token)
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private void assertUnauthorized(String token) throws Exception {
        HttpResponse<String> r = get("/api/v1/namespaces/team/pods", token);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"kind\":\"Status\"", "\"message\":\"Unauthorized\"", "\"code\":401");
    }

    /** Claims for team/builder that the test signs itself, with the key and times it chooses. */
    private TokenClaims claims(Instant issued, Duration life) {
        String issuer = SecurityConfig.DEFAULT_ISSUER;
        return new TokenClaims(
                issuer,
                List.of(issuer),
                issued,
                issued.plus(life),
                "made-by-the-test",
                "team",
                new TokenClaims.Ref("builder", accountUid),
                null,
                null,
                null);
    }
}

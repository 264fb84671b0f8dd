package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.TlsFront;
import io.everynode.testkit.Kubectl;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kubectl auth whoami} (SelfSubjectReview) as the open loopback administrator and with
 * bootstrap tokens ({@code --token}); TokenReview answering for a token; an expired token 401.
 */
class KubectlAuthWhoamiIT extends KubectlTestBase {
    private static final String LIVE = "abcdef.0123456789abcdef";
    private static final String EXPIRED = "zyxwvu.0123456789abcdef";

    private TlsFront front;
    private Kubectl overTls;

    @BeforeAll
    void seedTokens(@TempDir Path dir) throws Exception {
        front = new TlsFront(server.url(), dir);
        overTls = Kubectl.forServer(front.url(), dir.resolve("tls"));
        String future = Instant.now()
                .plus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        String past = Instant.now()
                .minus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        api.create("/api/v1/namespaces/kube-system/secrets", tokenSecret("abcdef", future))
                .toString();
        api.create("/api/v1/namespaces/kube-system/secrets", tokenSecret("zyxwvu", past))
                .toString();
    }

    @AfterAll
    void stopFront() {
        front.close();
    }

    /** kubectl with a bearer token: over TLS, since client-go sends tokens only there. */
    private Kubectl.Result withToken(String token, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--token", token, "--insecure-skip-tls-verify"));
        return overTls.run(all.toArray(String[]::new));
    }

    private static String tokenSecret(String id, String expiration) {
        return """
                {"apiVersion":"v1","kind":"Secret","type":"bootstrap.kubernetes.io/token",
                 "metadata":{"name":"bootstrap-token-%s","namespace":"kube-system"},
                 "stringData":{"token-id":"%s","token-secret":"0123456789abcdef","expiration":"%s",
                   "usage-bootstrap-authentication":"true","usage-bootstrap-signing":"true",
                   "auth-extra-groups":"system:bootstrappers:kubeadm:default-node-token"}}""".formatted(id, id, expiration);
    }

    @Test
    void whoamiWithoutCredentialsOnTheOpenLoopbackIsTheUnsecuredAdministrator() {
        String out = kubectl.ok("auth", "whoami");
        assertThat(out).startsWith("ATTRIBUTE").contains("VALUE");
        assertThat(out).containsPattern("Username\\s+system:unsecured\n");
        assertThat(out).containsPattern("Groups\\s+\\[system:masters system:authenticated\\]\n");
    }

    @Test
    void whoamiWithABootstrapTokenIsItsBootstrapUserAndGroups() {
        String out = withToken(LIVE, "auth", "whoami").assertOk().out();
        assertThat(out).containsPattern("Username\\s+system:bootstrap:abcdef\n");
        assertThat(out)
                .containsPattern("Groups\\s+\\[system:bootstrappers "
                        + "system:bootstrappers:kubeadm:default-node-token system:authenticated\\]\n");
    }

    @Test
    void whoamiPrintsTheReviewAsYaml() {
        String out = withToken(LIVE, "auth", "whoami", "-o", "yaml").assertOk().out();
        assertThat(out)
                .contains("apiVersion: authentication.k8s.io/v1")
                .contains("kind: SelfSubjectReview")
                .contains("username: system:bootstrap:abcdef")
                .contains("- system:bootstrappers");
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        Kubectl.Result r = withToken(EXPIRED, "auth", "whoami");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("Unauthorized");
        Kubectl.Result get = withToken(EXPIRED, "get", "pods");
        assertThat(get.exitCode()).isNotZero();
        assertThat(get.err()).contains("You must be logged in to the server");
    }

    @Test
    void aTokenReviewTellsWhoATokenIsOrWhyNot() {
        ObjectNode ok = api.post(
                        "/apis/authentication.k8s.io/v1/tokenreviews",
                        "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenReview\",\"spec\":{\"token\":\""
                                + LIVE + "\"}}")
                .assertCode(201)
                .json();
        assertThat(ok.at("/status/authenticated").asBoolean()).isTrue();
        assertThat(ok.at("/status/user/username").asString()).isEqualTo("system:bootstrap:abcdef");
        assertThat(ok.at("/status/user/groups/0").asString()).isEqualTo("system:bootstrappers");

        ObjectNode expired = api.post(
                        "/apis/authentication.k8s.io/v1/tokenreviews",
                        "{\"kind\":\"TokenReview\",\"spec\":{\"token\":\"" + EXPIRED + "\"}}")
                .assertCode(201)
                .json();
        assertThat(expired.at("/status/authenticated").asBoolean()).isFalse();
        assertThat(expired.at("/status/error").asString()).isEqualTo("Unauthorized");

        api.post("/apis/authentication.k8s.io/v1/tokenreviews", "{\"spec\":{}}").assertCode(400);
    }

    @Test
    void reviewsAreNeitherStoredNorListed() {
        api.get("/apis/authentication.k8s.io/v1/selfsubjectreviews").assertCode(405);
        assertThat(kubectl.ok("api-resources", "--api-group=authentication.k8s.io", "--no-headers"))
                .contains("selfsubjectreviews")
                .contains("tokenreviews");
    }
}

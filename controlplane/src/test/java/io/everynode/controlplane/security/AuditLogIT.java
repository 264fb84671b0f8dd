package io.everynode.controlplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.client.KubeClient;
import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.InProcessTransport;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Namespace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The audit log of a real server driven by the real kubectl: each request's level comes from the
 * policy's first matching rule, events carry the user, source address, user agent, object and
 * answer code, and Secret data stays out of Metadata-level events.
 */
class AuditLogIT {
    static final String POLICY = """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: [RequestReceived]
            rules:
            - level: None
              nonResourceURLs: ["/api*", "/openapi*", "/version"]
            - level: Metadata
              resources: [{group: "", resources: [secrets]}]
            - level: RequestResponse
              resources: [{group: "", resources: [configmaps]}]
            - level: Metadata
            """;

    @TempDir
    Path dir;

    ControlPlane start() throws Exception {
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, POLICY);
        return ControlPlane.builder()
                .apiServer(ApiServerConfig.defaults()
                        .withSecurity(SecurityConfig.open().withAudit(policy, dir.resolve("logs/audit.log"))))
                .controllers(null)
                .build()
                .start();
    }

    List<JsonNode> events() throws IOException {
        return Files.readAllLines(dir.resolve("logs/audit.log")).stream()
                .map(l -> Json.parse(l.getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    /** The one event {@code which} matches, once written (a request's last event follows its answer). */
    JsonNode only(Predicate<JsonNode> which) {
        AtomicReference<JsonNode> event = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<JsonNode> found = events().stream().filter(which).toList();
            assertThat(found).hasSize(1);
            event.set(found.get(0));
        });
        return event.get();
    }

    static Predicate<JsonNode> on(String verb, String resource, String name) {
        return e -> e.path("verb").asString().equals(verb)
                && e.at("/objectRef/resource").asString().equals(resource)
                && e.at("/objectRef/name").asString().equals(name);
    }

    @Test
    void kubectlsRequestsAreLoggedAtTheirRulesLevelWithWhoAndWhence() throws Exception {
        try (ControlPlane cp = start()) {
            Kubectl kubectl = Kubectl.forServer(cp.url(), dir.resolve("kubectl"));
            kubectl.ok("create", "secret", "generic", "db", "--from-literal=password=audit-me-not-1234");
            kubectl.ok("create", "configmap", "settings", "--from-literal=mode=fast");
            kubectl.ok("get", "configmap", "settings");

            JsonNode secret = only(on("create", "secrets", "db"));
            assertThat(secret.path("level").asString()).isEqualTo("Metadata");
            assertThat(secret.path("stage").asString()).isEqualTo("ResponseComplete");
            assertThat(secret.at("/user/username").asString()).isEqualTo("system:unsecured");
            assertThat(secret.at("/sourceIPs/0").asString()).isEqualTo("127.0.0.1");
            assertThat(secret.path("userAgent").asString()).startsWith("kubectl/v1.35");
            assertThat(secret.at("/objectRef/namespace").asString()).isEqualTo("default");
            assertThat(secret.at("/objectRef/apiVersion").asString()).isEqualTo("v1");
            assertThat(secret.at("/responseStatus/code").asInt()).isEqualTo(201);
            assertThat(secret.at("/annotations/authorization.k8s.io~1decision").asString())
                    .isEqualTo("allow");
            assertThat(secret.path("requestURI").asString()).startsWith("/api/v1/namespaces/default/secrets?");
            assertThat(Files.readString(dir.resolve("logs/audit.log")))
                    .doesNotContain("audit-me-not-1234", "YXVkaXQtbWUtbm90LTEyMzQ=");

            JsonNode created = only(on("create", "configmaps", "settings"));
            assertThat(created.path("level").asString()).isEqualTo("RequestResponse");
            assertThat(created.at("/requestObject/data/mode").asString()).isEqualTo("fast");
            assertThat(created.at("/responseObject/metadata/uid").asString()).isNotEmpty();
            JsonNode read = only(on("get", "configmaps", "settings"));
            assertThat(read.at("/responseObject/kind").asString())
                    .as("kubectl asks for a Table")
                    .isEqualTo("Table");

            assertThat(events())
                    .as("discovery is dropped by the None rule")
                    .noneMatch(e -> e.path("requestURI").asString().startsWith("/api?")
                            || e.path("requestURI").asString().equals("/api"));
            assertThat(events())
                    .as("RequestReceived is omitted by the policy")
                    .allMatch(e -> !e.path("stage").asString().equals("RequestReceived"));
        }
    }

    @Test
    void theAuditIdOfAnAnswerNamesItsEvent() throws Exception {
        try (ControlPlane cp = start()) {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(cp.url() + "/api/v1/namespaces/default"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String id = r.headers().firstValue("Audit-Id").orElseThrow();
            JsonNode event = only(e -> e.path("auditID").asString().equals(id));
            assertThat(event.at("/objectRef/resource").asString()).isEqualTo("namespaces");
            assertThat(event.at("/objectRef/name").asString()).isEqualTo("default");
        }
    }

    @Test
    void aRefusedRequestShowsItsCodeAndTheDecision() throws Exception {
        try (ControlPlane cp = start()) {
            try (KubeClient anonymous = InProcessTransport.client(cp.api(), UserInfo.ANONYMOUS)) {
                assertThatThrownBy(() -> anonymous.get(Namespace.class, null, "kube-system"))
                        .hasMessageContaining("Unauthorized");
            }
            JsonNode refused = only(on("get", "namespaces", "kube-system"));
            assertThat(refused.at("/user/username").asString()).isEqualTo("system:anonymous");
            assertThat(refused.at("/responseStatus/code").asInt()).isEqualTo(401);
            assertThat(refused.at("/responseStatus/reason").asString()).isEqualTo("Unauthorized");
            assertThat(refused.at("/annotations/authorization.k8s.io~1decision").asString())
                    .isEqualTo("forbid");
            assertThat(refused.has("sourceIPs"))
                    .as("an in-process request has no network peer")
                    .isFalse();
        }
    }
}

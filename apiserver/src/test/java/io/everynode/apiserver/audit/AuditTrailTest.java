package io.everynode.apiserver.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.testkit.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class AuditTrailTest {
    static final UserInfo ALICE = UserInfo.authenticated("alice", "", List.of("dev"), Map.of());
    static final String SECRET_BODY =
            "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\"},\"data\":{\"password\":\"aHVudGVyMg==\"}}";

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00.123456Z"));
    final List<ObjectNode> events = new ArrayList<>();

    /** What the transport got: the code, the headers and the body. */
    static final class Recorded implements ApiResponse {
        final Map<String, String> headers = new LinkedHashMap<>();
        int code;
        boolean streamClosed;

        @Override
        public void send(int status, String contentType, byte[] body) {
            code = status;
        }

        @Override
        public void header(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public Stream stream(int status, String contentType) {
            code = status;
            return new Stream() {
                @Override
                public void write(byte[] chunk) {}

                @Override
                public boolean isOpen() {
                    return true;
                }

                @Override
                public void close() {
                    streamClosed = true;
                }
            };
        }
    }

    Auditor auditor(String policy) {
        String yaml = "apiVersion: audit.k8s.io/v1\nkind: Policy\n" + policy;
        return new Auditor(
                AuditPolicyReader.parse(yaml.getBytes(StandardCharsets.UTF_8)),
                events::add,
                clock,
                () -> "4f1a0f6e-0000-4000-8000-000000000001");
    }

    static ApiRequest createSecret() {
        Map<String, List<String>> query = new LinkedHashMap<>();
        query.put("fieldManager", List.of("kubectl-create"));
        Map<String, String> headers = Map.of(
                "content-type", "application/json", "user-agent", "kubectl/v1.35.2 (linux/amd64) kubernetes/abc");
        return new ApiRequest(
                        "POST",
                        "/api/v1/namespaces/default/secrets",
                        query,
                        headers,
                        SECRET_BODY.getBytes(StandardCharsets.UTF_8))
                .withRemoteAddress("127.0.0.1")
                .withUser(ALICE);
    }

    static RequestAttributes attributes(ApiRequest req) {
        return RequestAttributes.resource(ALICE, "create", "", "secrets", "", "default", "");
    }

    void serve(Auditor auditor, ApiRequest req, Recorded transport, int code, String body) {
        AuditTrail trail = auditor.start(req, transport);
        trail.begin(attributes(req), req);
        trail.decided(Authorizer.Decision.allow("RBAC: allowed by ClusterRoleBinding \"admins\""));
        clock.advance(Duration.ofMillis(2));
        trail.response().annotate("pod-security.kubernetes.io/enforce-policy", "privileged:latest");
        trail.response().send(code, "application/json", body.getBytes(StandardCharsets.UTF_8));
        trail.finish();
    }

    @Test
    void aRequestLevelEventIsUpstreamsJsonLine() {
        Recorded transport = new Recorded();
        serve(auditor("rules:\n- level: Request\n"), createSecret(), transport, 201, SECRET_BODY);

        assertThat(transport.headers).containsEntry("Audit-Id", "4f1a0f6e-0000-4000-8000-000000000001");
        assertThat(events).hasSize(2);
        String common = "\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Request\","
                + "\"auditID\":\"4f1a0f6e-0000-4000-8000-000000000001\",";
        String who = "\"requestURI\":\"/api/v1/namespaces/default/secrets?fieldManager=kubectl-create\","
                + "\"verb\":\"create\",\"user\":{\"username\":\"alice\",\"groups\":[\"dev\",\"system:authenticated\"]},"
                + "\"sourceIPs\":[\"127.0.0.1\"],\"userAgent\":\"kubectl/v1.35.2 (linux/amd64) kubernetes/abc\","
                + "\"objectRef\":{\"resource\":\"secrets\",\"namespace\":\"default\",\"name\":\"db\"},";
        assertThat(Json.string(events.get(0)))
                .isEqualTo("{" + common + "\"stage\":\"RequestReceived\"," + who
                        + "\"requestObject\":" + SECRET_BODY + ","
                        + "\"requestReceivedTimestamp\":\"2026-12-04T10:00:00.123456Z\","
                        + "\"stageTimestamp\":\"2026-12-04T10:00:00.123456Z\"}");
        assertThat(Json.string(events.get(1)))
                .isEqualTo("{" + common + "\"stage\":\"ResponseComplete\"," + who
                        + "\"responseStatus\":{\"metadata\":{},\"code\":201},"
                        + "\"requestObject\":" + SECRET_BODY + ","
                        + "\"requestReceivedTimestamp\":\"2026-12-04T10:00:00.123456Z\","
                        + "\"stageTimestamp\":\"2026-12-04T10:00:00.125456Z\","
                        + "\"annotations\":{\"authorization.k8s.io/decision\":\"allow\","
                        + "\"authorization.k8s.io/reason\":\"RBAC: allowed by ClusterRoleBinding \\\"admins\\\"\","
                        + "\"pod-security.kubernetes.io/enforce-policy\":\"privileged:latest\"}}");
    }

    @Test
    void atMetadataLevelNoBodyAndNoSecretDataIsLogged() {
        serve(
                auditor("omitStages: [RequestReceived]\nrules:\n- level: Metadata\n"),
                createSecret(),
                new Recorded(),
                201,
                SECRET_BODY);
        assertThat(events).hasSize(1);
        String line = Json.string(events.get(0));
        assertThat(line)
                .contains("\"stage\":\"ResponseComplete\"", "\"name\":\"db\"")
                .doesNotContain("aHVudGVyMg==", "requestObject", "responseObject");
    }

    @Test
    void atRequestResponseLevelTheAnswerIsLoggedToo() {
        serve(auditor("rules:\n- level: RequestResponse\n"), createSecret(), new Recorded(), 201, SECRET_BODY);
        assertThat(events.get(1).get("responseObject"))
                .isEqualTo(Json.parse(SECRET_BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFailureKeepsTheStatusMessageAndReason() {
        String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"secrets \\\"db\\\" already exists\",\"reason\":\"AlreadyExists\",\"code\":409}";
        serve(auditor("rules:\n- level: Metadata\n"), createSecret(), new Recorded(), 409, status);
        assertThat(Json.string(events.get(1).get("responseStatus")))
                .isEqualTo("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"secrets \\\"db\\\" already exists\","
                        + "\"reason\":\"AlreadyExists\",\"code\":409}");
    }

    @Test
    void aRequestNoRuleMatchesIsNotLoggedButStillGetsAnAuditId() {
        Recorded transport = new Recorded();
        serve(auditor("rules:\n- level: Metadata\n  users: [bob]\n"), createSecret(), transport, 201, SECRET_BODY);
        assertThat(events).isEmpty();
        assertThat(transport.headers).containsKey("Audit-Id");
    }

    @Test
    void aWatchWritesResponseStartedThenResponseCompleteWhenTheStreamCloses() throws IOException {
        Auditor auditor = auditor("rules:\n- level: Metadata\n");
        ApiRequest watch = new ApiRequest("GET", "/api/v1/pods", Map.of("watch", List.of("1")), Map.of(), new byte[0])
                .withUser(ALICE);
        AuditTrail trail = auditor.start(watch, new Recorded());
        trail.begin(RequestAttributes.of(watch, Optional.empty(), ALICE), watch);
        ApiResponse.Stream stream = trail.response().stream(200, "application/json");
        trail.finish();
        assertThat(events)
                .extracting(e -> e.get("stage").asString())
                .containsExactly("RequestReceived", "ResponseStarted");
        stream.close();
        assertThat(events)
                .extracting(e -> e.get("stage").asString())
                .containsExactly("RequestReceived", "ResponseStarted", "ResponseComplete");
        assertThat(events.get(2).at("/responseStatus/code").asInt()).isEqualTo(200);
    }

    @Test
    void aRequestRefusedBeforeAuthenticationIsLoggedWithAnEmptyUser() {
        AuditTrail trail = auditor("rules:\n- level: Metadata\n").start(createSecret(), new Recorded());
        trail.response()
                .send(401, "application/json", "{\"kind\":\"Status\",\"code\":401}".getBytes(StandardCharsets.UTF_8));
        trail.finish();
        assertThat(events).hasSize(2);
        assertThat(Json.string(events.get(1).get("user"))).isEqualTo("{}");
        assertThat(events.get(1).at("/responseStatus/code").asInt()).isEqualTo(401);
    }

    @Test
    void aClientsOwnAuditIdIsKept() {
        Recorded transport = new Recorded();
        ApiRequest req = new ApiRequest("GET", "/version", Map.of(), Map.of("audit-id", "my-trace-42"), new byte[0]);
        auditor("rules:\n- level: Metadata\n").start(req, transport).finish();
        assertThat(transport.headers).containsEntry("Audit-Id", "my-trace-42");
        assertThat(events.get(0).get("auditID").asString()).isEqualTo("my-trace-42");
    }
}

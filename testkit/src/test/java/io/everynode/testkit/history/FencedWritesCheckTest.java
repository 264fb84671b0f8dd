package io.everynode.testkit.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FencedWritesCheckTest {
    private static final Instant TAKEN = Instant.parse("2026-12-05T01:00:10Z");
    private static final Instant BACK = Instant.parse("2026-12-05T01:00:30Z");
    private static final List<FencedWritesCheck.Span> HELD_BY_ANOTHER =
            List.of(new FencedWritesCheck.Span("kube-controller-manager", TAKEN, BACK));

    private static String event(String stage, String verb, String user, int code, String received, String answered) {
        return """
                {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","stage":"%s","verb":"%s",\
                "requestURI":"/api/v1/namespaces/default/pods","user":{"username":"%s"},\
                "responseStatus":{"code":%d},"requestReceivedTimestamp":"%s","stageTimestamp":"%s"}""".formatted(stage, verb, user, code, received, answered);
    }

    private static List<Violation> check(String... lines) {
        return FencedWritesCheck.check(
                FencedWritesCheck.writes(List.of(lines)), FencedWritesCheck::everynodeLease, HELD_BY_ANOTHER);
    }

    @Test
    void aControllersWriteWhileAnotherServerHeldItsLeaseIsAViolation() {
        assertThat(check(event(
                        "ResponseComplete",
                        "create",
                        "system:serviceaccount:kube-system:daemon-set-controller",
                        201,
                        "2026-12-05T01:00:12.000001Z",
                        "2026-12-05T01:00:12.000300Z")))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.rule()).isEqualTo(Violation.Rule.FENCING);
                    assertThat(v.message())
                            .startsWith("create /api/v1/namespaces/default/pods by"
                                    + " system:serviceaccount:kube-system:daemon-set-controller (201,")
                            .contains("while another server held the lease kube-controller-manager");
                });
    }

    @Test
    void aWriteReceivedBeforeTheTakeoverButAnsweredAfterItOverlapsAndIsAViolation() {
        assertThat(check(event(
                        "ResponseComplete",
                        "update",
                        "system:kube-controller-manager",
                        200,
                        "2026-12-05T01:00:09Z",
                        "2026-12-05T01:00:11Z")))
                .hasSize(1);
    }

    @Test
    void refusedWritesReadsOtherStagesOtherUsersAndWritesOutsideTheSpanAreFine() {
        assertThat(check(
                        event(
                                "ResponseComplete",
                                "create",
                                "system:serviceaccount:kube-system:node-controller",
                                409,
                                "2026-12-05T01:00:12Z",
                                "2026-12-05T01:00:12Z"),
                        event(
                                "ResponseComplete",
                                "get",
                                "system:serviceaccount:kube-system:node-controller",
                                200,
                                "2026-12-05T01:00:12Z",
                                "2026-12-05T01:00:12Z"),
                        event(
                                "RequestReceived",
                                "create",
                                "system:serviceaccount:kube-system:node-controller",
                                0,
                                "2026-12-05T01:00:12Z",
                                "2026-12-05T01:00:12Z"),
                        event(
                                "ResponseComplete",
                                "create",
                                "admin",
                                201,
                                "2026-12-05T01:00:12Z",
                                "2026-12-05T01:00:12Z"),
                        // the scheduler's Lease is not the one taken
                        event(
                                "ResponseComplete",
                                "create",
                                "system:kube-scheduler",
                                201,
                                "2026-12-05T01:00:12Z",
                                "2026-12-05T01:00:12Z"),
                        event(
                                "ResponseComplete",
                                "create",
                                "system:serviceaccount:kube-system:daemon-set-controller",
                                201,
                                "2026-12-05T01:00:05Z",
                                "2026-12-05T01:00:06Z"),
                        event(
                                "ResponseComplete",
                                "create",
                                "system:serviceaccount:kube-system:daemon-set-controller",
                                201,
                                "2026-12-05T01:00:31Z",
                                "2026-12-05T01:00:31Z")))
                .isEmpty();
    }
}

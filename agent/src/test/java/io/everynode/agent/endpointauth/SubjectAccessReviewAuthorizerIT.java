package io.everynode.agent.endpointauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.controlplane.ControlPlane;
import io.everynode.controlplane.InProcessNodeClients;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.SubjectAltNames;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SubjectAccessReviews through a real API server, answers kept as long as the kubelet's webhook cache keeps them. */
class SubjectAccessReviewAuthorizerIT {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Clock.systemUTC().instant());
    private ControlPlane cp;
    private InProcessNodeClients nodes;
    private SubjectAccessReviewAuthorizer authorizer;
    private final Caller alice = new Caller("alice", List.of("developers"));

    @BeforeEach
    void start() throws Exception {
        ClusterPki pki = ClusterPki.open(
                dir, new SubjectAltNames(List.of("localhost"), List.of("127.0.0.1")), Clock.systemUTC());
        cp = ControlPlane.builder().secure(pki).controllers(null).build().start();
        nodes = new InProcessNodeClients(cp.api());
        authorizer = new SubjectAccessReviewAuthorizer(nodes.forNode("n1"), clock);
    }

    @AfterEach
    void stop() {
        nodes.close();
        cp.close();
    }

    private ClusterRoleBinding aliceAsKubeletApiAdmin() {
        return new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName("alice-kubelet-api")
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("ClusterRole")
                .withName("system:kubelet-api-admin")
                .endRoleRef()
                .addNewSubject()
                .withKind("User")
                .withApiGroup("rbac.authorization.k8s.io")
                .withName("alice")
                .endSubject()
                .build();
    }

    @Test
    void theApiServersKubeletClientMayProxyAndReadLogsOfAnyNode() {
        Caller apiserver = new Caller("kube-apiserver-kubelet-client", List.of("kubeadm:cluster-admins"));
        assertThat(authorizer.allowed(apiserver, "get", "proxy", "n1")).isTrue();
        assertThat(authorizer.allowed(apiserver, "create", "proxy", "n2")).isTrue();
        assertThat(authorizer.allowed(apiserver, "get", "log", null)).isTrue();
    }

    @Test
    void anAllowedAnswerIsKeptFiveMinutesThenAskedAgain() {
        cp.client().create(aliceAsKubeletApiAdmin());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> new SubjectAccessReviewAuthorizer(nodes.forNode("n1"), clock)
                        .allowed(alice, "get", "proxy", "n1"));
        assertThat(authorizer.allowed(alice, "get", "proxy", "n1")).isTrue();

        cp.client().delete(ClusterRoleBinding.class, null, "alice-kubelet-api");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !new SubjectAccessReviewAuthorizer(nodes.forNode("n1"), clock)
                        .allowed(alice, "get", "proxy", "n1"));
        clock.advance(SubjectAccessReviewAuthorizer.ALLOWED_TTL.minusSeconds(1));
        assertThat(authorizer.allowed(alice, "get", "proxy", "n1")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(authorizer.allowed(alice, "get", "proxy", "n1")).isFalse();
    }

    @Test
    void aDeniedAnswerIsKeptThirtySeconds() {
        assertThat(authorizer.allowed(alice, "get", "proxy", "n1")).isFalse();
        cp.client().create(aliceAsKubeletApiAdmin());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> new SubjectAccessReviewAuthorizer(nodes.forNode("n1"), clock)
                        .allowed(alice, "get", "proxy", "n1"));
        assertThat(authorizer.allowed(alice, "get", "proxy", "n1")).isFalse();
        clock.advance(SubjectAccessReviewAuthorizer.DENIED_TTL);
        assertThat(authorizer.allowed(alice, "get", "proxy", "n1")).isTrue();
    }
}

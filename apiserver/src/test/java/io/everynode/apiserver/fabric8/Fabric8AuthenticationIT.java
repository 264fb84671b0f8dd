package io.everynode.apiserver.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.TestServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SelfSubjectReview and TokenReview through fabric8, with a bootstrap token as its OAuth token. */
class Fabric8AuthenticationIT {
    static TestServer server;
    static KubernetesClient admin;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory();
        admin = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(server.url()).build())
                .build();
        admin.secrets()
                .inNamespace("kube-system")
                .resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("bootstrap-token-f8f8f8")
                        .endMetadata()
                        .withType("bootstrap.kubernetes.io/token")
                        .withStringData(Map.of(
                                "token-id", "f8f8f8",
                                "token-secret", "0123456789abcdef",
                                "expiration",
                                        Instant.now()
                                                .plus(1, ChronoUnit.HOURS)
                                                .truncatedTo(ChronoUnit.SECONDS)
                                                .toString(),
                                "usage-bootstrap-authentication", "true"))
                        .build())
                .create();
    }

    @AfterAll
    static void stop() {
        admin.close();
        server.close();
    }

    @Test
    void aClientWithABootstrapTokenReviewsItselfAsTheTokensUser() {
        try (KubernetesClient withToken = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder()
                        .withMasterUrl(server.url())
                        .withOauthToken("f8f8f8.0123456789abcdef")
                        .build())
                .build()) {
            SelfSubjectReview review =
                    withToken.resource(new SelfSubjectReview()).create();
            assertThat(review.getStatus().getUserInfo().getUsername()).isEqualTo("system:bootstrap:f8f8f8");
            assertThat(review.getStatus().getUserInfo().getGroups())
                    .containsExactly("system:bootstrappers", "system:authenticated");
        }
    }

    @Test
    void aTokenReviewAnswersWhoTheTokenIs() {
        TokenReview review = admin.resource(new TokenReviewBuilder()
                        .withNewSpec()
                        .withToken("f8f8f8.0123456789abcdef")
                        .endSpec()
                        .build())
                .create();
        assertThat(review.getStatus().getAuthenticated()).isTrue();
        assertThat(review.getStatus().getUser().getUsername()).isEqualTo("system:bootstrap:f8f8f8");
    }
}

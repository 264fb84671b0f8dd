package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.api.bootstrap.ClusterInfo;
import io.everynode.api.bootstrap.DetachedJws;
import io.everynode.client.ApiError;
import io.everynode.controllers.bootstrapsigner.ClusterInfoConfig;
import io.everynode.controllers.testing.InProcessCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bootstrap signer and token cleaner run by the manager against a real API server. */
class BootstrapControllersThroughTheApiIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SERVER = "https://192.0.2.10:6443";
    private static final byte[] CA =
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.UTF_8);

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster(ControllerManagerConfig.defaults()
                .withControllers(ControllerManager.BOOTSTRAP_SIGNER, ControllerManager.TOKEN_CLEANER)
                .withClusterInfo(new ClusterInfoConfig(SERVER, CA)));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void createToken(String text, Instant expiration) {
        BootstrapToken token = BootstrapToken.parse(text).orElseThrow();
        Map<String, String> data = BootstrapTokenSecret.of(
                        token, expiration, List.of("authentication", "signing"), List.of(), "test")
                .data();
        cluster.client.create(new SecretBuilder()
                .withNewMetadata()
                .withName(token.secretName())
                .withNamespace("kube-system")
                .endMetadata()
                .withType(BootstrapTokenSecret.TYPE)
                .withStringData(data)
                .build());
    }

    private Map<String, String> clusterInfo() {
        try {
            ConfigMap cm = cluster.client.get(ConfigMap.class, ClusterInfo.NAMESPACE, ClusterInfo.NAME);
            return cm.getData() == null ? Map.of() : cm.getData();
        } catch (ApiError e) {
            if (e.isNotFound()) return Map.of();
            throw e;
        }
    }

    @Test
    void clusterInfoIsPublishedAndSignedByEachSigningTokenUntilItIsDeleted() {
        await().atMost(WAIT).until(() -> clusterInfo().containsKey("kubeconfig"));
        String kubeconfig = clusterInfo().get("kubeconfig");
        assertThat(kubeconfig).contains("server: " + SERVER);

        createToken("abcdef.0123456789abcdef", Instant.now().plus(Duration.ofHours(1)));
        await().atMost(WAIT).until(() -> clusterInfo().containsKey("jws-kubeconfig-abcdef"));
        assertThat(DetachedJws.verify(
                        clusterInfo().get("jws-kubeconfig-abcdef"), kubeconfig, "abcdef", "0123456789abcdef"))
                .isTrue();

        cluster.client.delete(Secret.class, "kube-system", "bootstrap-token-abcdef");
        await().atMost(WAIT).until(() -> !clusterInfo().containsKey("jws-kubeconfig-abcdef"));
    }

    @Test
    void anExpiredTokensSecretIsDeleted() {
        createToken("zyxwvu.0123456789abcdef", Instant.now().minus(Duration.ofMinutes(1)));
        await().atMost(WAIT).until(() -> {
            try {
                cluster.client.get(Secret.class, "kube-system", "bootstrap-token-zyxwvu");
                return false;
            } catch (ApiError e) {
                if (e.isNotFound()) return true;
                throw e;
            }
        });
    }
}

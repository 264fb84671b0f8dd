package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.everynode.client.ApiError;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A host's ConfigMaps and Secrets followed one object each, as the node whose pod names it, on a
 * real API server with the Node authorizer: the node reads its pod's Secret and hears of its
 * changes; another node is refused; a let-go object is no longer followed.
 */
class SourceWatchesIT {
    private final TestCluster cluster = new TestCluster();
    private final List<String> changed = new CopyOnWriteArrayList<>();
    private final SourceWatches sources = new SourceWatches(cluster::nodeClient, changed::add);

    @AfterEach
    void tearDown() {
        sources.close();
        cluster.close();
    }

    private void secret(String value) {
        Secret s = new SecretBuilder()
                .withNewMetadata()
                .withName("creds")
                .withNamespace("default")
                .endMetadata()
                .addToStringData("token", value)
                .build();
        try {
            Secret current = cluster.client.get(Secret.class, "default", "creds");
            s.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            cluster.client.update(s);
        } catch (ApiError e) {
            if (!e.isNotFound()) throw e;
            cluster.client.create(s);
        }
    }

    @Test
    void aNodeFollowsTheSecretOfItsPodAndAnotherNodeIsRefusedIt() {
        cluster.client.create(new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withNodeName("n1")
                .addNewContainer()
                .withName("c")
                .withImage("busybox")
                .endContainer()
                .addNewVolume()
                .withName("v")
                .withNewSecret()
                .withSecretName("creds")
                .endSecret()
                .endVolume()
                .endSpec()
                .build());
        secret("one");

        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            Optional<Secret> s = sources.lookup("n1").secret("default", "creds");
            return s.isPresent() && s.get().getData().containsKey("token");
        });
        assertThat(sources.size()).isEqualTo(1);
        String key = PodSources.secretKey("default", "creds");
        await().atMost(Duration.ofSeconds(20)).until(() -> changed.contains(key));

        changed.clear();
        secret("two");
        await().atMost(Duration.ofSeconds(20)).until(() -> changed.contains(key));

        try (SourceWatches other = new SourceWatches(cluster::nodeClient, k -> {})) {
            ApiError refused = catchThrowableOfType(
                    ApiError.class, () -> other.lookup("n2").secret("default", "creds"));
            assertThat(refused).isNotNull();
            assertThat(refused.code()).isEqualTo(403);
        }

        sources.retain((node, k) -> false);
        assertThat(sources.size()).isZero();
    }
}

package io.everynode.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.client.KubeClient;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controlplane.testing.ControlPlaneExtension;
import io.everynode.store.StoreConfig;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneIT {
    @RegisterExtension
    final ControlPlaneExtension cluster = new ControlPlaneExtension();

    @Test
    void whatTheInProcessClientWritesIsServedOverHttpToo() {
        ControlPlane cp = cluster.get();
        cp.client()
                .create(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("team-a")
                        .addToLabels("mode", "fast")
                        .endMetadata()
                        .build());

        try (KubeClient overHttp = KubeClient.http(URI.create(cp.url()))) {
            assertThat(overHttp.get(Namespace.class, null, "team-a")
                            .getMetadata()
                            .getLabels())
                    .containsEntry("mode", "fast");
        }
        assertThat(cp.url()).isEqualTo("http://127.0.0.1:" + cp.port());
    }

    @Test
    void theControllersRunByDefault() {
        ControlPlane cp = cluster.get();
        assertThat(cp.controllers().controllers()).contains(ControllerManager.SCHEDULER);

        cp.client()
                .create(new PodBuilder()
                        .withNewMetadata()
                        .withName("web")
                        .withNamespace("default")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("main")
                        .withImage("busybox:1.36")
                        .endContainer()
                        .endSpec()
                        .build());

        // No node exists, so the scheduler's verdict is a PodScheduled=False condition: proof it ran.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Pod p = cp.client().get(Pod.class, "default", "web");
            assertThat(p.getStatus().getConditions()).anySatisfy(c -> {
                assertThat(c.getType()).isEqualTo("PodScheduled");
                assertThat(c.getStatus()).isEqualTo("False");
            });
        });
    }

    @Test
    void withoutControllersOnlyTheApiRuns() throws Exception {
        try (ControlPlane cp = ControlPlane.builder().controllers(null).build().start()) {
            assertThat(cp.controllers()).isNull();
            assertThat(cp.client().list(Pod.class, null).items()).isEmpty();
        }
    }

    @Test
    void closingStopsTheHttpFrontAndClosesTheStore() throws Exception {
        ControlPlane cp = ControlPlane.builder().controllers(null).build().start();
        int port = cp.port();
        var store = cp.store();

        cp.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> store.list("/registry/", 0)).hasMessageContaining("closed");
    }

    @Test
    void aStoreThatCannotOpenFailsTheStartAndLeavesNothingRunning(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        ControlPlane cp =
                ControlPlane.builder().store(StoreConfig.sqlite(notADirectory)).build();

        assertThatThrownBy(cp::start).isInstanceOf(ControlPlane.StoreOpenFailed.class);
        assertThat(cp.api()).isNull();
    }

    @Test
    void aControlPlaneStartsOnce() {
        assertThatThrownBy(() -> cluster.get().start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("started already");
    }
}

package io.everynode.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.testing.TestServer;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.SubjectAltNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fabric8 client, configured from nothing but the admin kubeconfig, over TLS: reads, writes and a watch. */
class Fabric8OverTlsIT {
    @TempDir
    Path dir;

    @Test
    void fabric8WithTheAdminKubeconfigReadsWritesAndWatches() throws Exception {
        ClusterPki pki = ClusterPki.open(
                dir, new SubjectAltNames(List.of("localhost"), List.of("127.0.0.1")), Clock.systemUTC());
        try (TestServer server = TestServer.secure(pki, Clock.systemUTC());
                KubernetesClient client = new KubernetesClientBuilder()
                        .withConfig(Config.fromKubeconfig(
                                Files.readString(pki.writeAdminKubeconfig(dir.resolve("kubeconfig"), server.url()))))
                        .build()) {
            assertThat(client.namespaces().list().getItems())
                    .extracting(n -> n.getMetadata().getName())
                    .contains("default");
            List<String> seen = new CopyOnWriteArrayList<>();
            Watch w = client.configMaps().inNamespace("default").watch(new Watcher<ConfigMap>() {
                @Override
                public void eventReceived(Action action, ConfigMap cm) {
                    seen.add(action + " " + cm.getMetadata().getName());
                }

                @Override
                public void onClose(WatcherException cause) {}
            });
            try {
                client.configMaps()
                        .inNamespace("default")
                        .resource(new ConfigMapBuilder()
                                .withNewMetadata()
                                .withName("tls")
                                .endMetadata()
                                .addToData("k", "v")
                                .build())
                        .create();
                await().atMost(Duration.ofSeconds(30)).until(() -> seen.contains("ADDED tls"));
            } finally {
                w.close();
            }
        }
    }
}

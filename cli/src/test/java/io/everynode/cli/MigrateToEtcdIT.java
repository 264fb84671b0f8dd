package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.WatchEvent;
import io.everynode.client.Watcher;
import io.everynode.testkit.Kubectl;
import io.everynode.testkit.etcd.EtcdCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code everynode migrate} of a stopped SQLite server into a one-member etcd, then the same
 * server (same data directory, so the same pki) started on etcd: kubectl sees the same objects
 * with the same uids, at resourceVersions above every one the SQLite server handed out.
 */
class MigrateToEtcdIT {
    private static final String LISTENING = "everynode server listening on ";

    @TempDir
    Path dir;

    @Test
    void aServerStartedOnTheMigratedEtcdServesTheSameObjectsWithTheirUidsAndHigherResourceVersions() throws Exception {
        EtcdCluster.assumeAvailable();
        Path data = dir.resolve("data");
        String uid;
        long sqliteRevision;
        Process sqlite = EverynodeJvm.server(data, dir.resolve("a.out"), dir.resolve("a.err"));
        try {
            awaitListening(sqlite, "a");
            Kubectl kubectl = Kubectl.forKubeconfig(data.resolve("kubeconfig"), dir.resolve("kubectl-a"));
            kubectl.ok("create", "namespace", "moved");
            kubectl.ok("create", "configmap", "settings", "-n", "moved", "--from-literal=colour=blue");
            uid = kubectl.ok("get", "configmap", "settings", "-n", "moved", "-o", "jsonpath={.metadata.uid}");
            sqliteRevision = Long.parseLong(kubectl.ok("get", "--raw", "/api/v1/namespaces/moved/configmaps")
                    .replaceAll("(?s).*?\"resourceVersion\":\"(\\d+)\".*", "$1"));
        } finally {
            stop(sqlite);
        }

        try (EtcdCluster etcd = EtcdCluster.start(dir.resolve("etcd"), 1)) {
            CommandRun migrated = CommandRun.of(
                    "migrate", "--data-dir", data.toString(), "--store", "etcd", "--etcd-endpoints", etcd.endpoints());
            assertThat(migrated.exitCode()).as(migrated.err()).isZero();
            assertThat(migrated.out()).contains("copied ", "compacted there");

            CommandRun again = CommandRun.of(
                    "migrate", "--data-dir", data.toString(), "--store", "etcd", "--etcd-endpoints", etcd.endpoints());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("already holds", "migrate into an empty etcd");

            Process onEtcd = EverynodeJvm.server(
                    data,
                    dir.resolve("b.out"),
                    dir.resolve("b.err"),
                    "--store",
                    "etcd",
                    "--etcd-endpoints",
                    etcd.endpoints());
            try {
                awaitListening(onEtcd, "b");
                Kubectl kubectl = Kubectl.forKubeconfig(data.resolve("kubeconfig"), dir.resolve("kubectl-b"));
                assertThat(kubectl.ok("get", "configmap", "settings", "-n", "moved", "-o", "jsonpath={.metadata.uid}"))
                        .isEqualTo(uid);
                assertThat(kubectl.ok("get", "configmap", "settings", "-n", "moved", "-o", "jsonpath={.data.colour}"))
                        .isEqualTo("blue");
                long resourceVersion = Long.parseLong(kubectl.ok(
                        "get", "configmap", "settings", "-n", "moved", "-o", "jsonpath={.metadata.resourceVersion}"));
                assertThat(resourceVersion).isGreaterThan(sqliteRevision);
                // A watch from a SQLite-era resourceVersion: 410 Gone, so clients relist.
                try (KubeClient client = KubeClient.fromKubeconfig(data.resolve("kubeconfig"))) {
                    assertThatThrownBy(() -> client.watch(
                                    ConfigMap.class,
                                    "moved",
                                    new ListOptionsBuilder()
                                            .withResourceVersion(Long.toString(sqliteRevision))
                                            .build(),
                                    new Watcher<>() {
                                        @Override
                                        public void onEvent(WatchEvent<ConfigMap> event) {}
                                    }))
                            .isInstanceOfSatisfying(
                                    ApiError.class, e -> assertThat(e.isGone()).isTrue());
                }
            } finally {
                stop(onEtcd);
            }
        }
    }

    private void awaitListening(Process server, String name) {
        await().atMost(Duration.ofSeconds(90))
                .until(() -> !server.isAlive()
                        || Files.readString(dir.resolve(name + ".out")).contains(LISTENING));
        assertThat(server.isAlive()).as(name + " exited").isTrue();
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
    }
}

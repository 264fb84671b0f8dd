package io.everynode.controlplane.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.controlplane.ControlPlane;
import io.everynode.store.EtcdConfig;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.everynode.testkit.Kubectl;
import io.everynode.testkit.etcd.EtcdCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API server on a 3-member etcd cluster, driven by the real kubectl: objects land in etcd under
 * upstream's keys (under /registry/) with etcd's revisions as resourceVersions, watches stream, and a cluster without
 * quorum is a 504 Timeout Status until it has one again. One etcd cluster and one server serve
 * every test, each in a namespace of its own; the quorum test runs last, as it stops members.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneOnEtcdIT {
    @TempDir
    static Path dir;

    private static EtcdCluster etcd;
    private static ControlPlane cp;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        EtcdCluster.assumeAvailable();
        etcd = EtcdCluster.start(dir.resolve("etcd"), 3);
        cp = ControlPlane.builder()
                .store(StoreConfig.etcd(EtcdConfig.of(etcd.clientUrls()).withRequestTimeout(Duration.ofSeconds(3))))
                // a loaded machine may answer the first read after the timeout: start waits, as the server's does
                .storeStartTimeout(Duration.ofSeconds(60))
                .controllers(null)
                .build()
                .start();
        kubectl = Kubectl.forServer(cp.url(), Files.createDirectories(dir.resolve("kubectl")));
    }

    @AfterAll
    static void stop() {
        if (cp != null) {
            cp.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void kubectlCreatesGetsAndWatchesObjectsThatLiveInEtcd() throws Exception {
        kubectl.ok("create", "namespace", "team-a");
        kubectl.ok("create", "configmap", "first", "-n", "team-a", "--from-literal=a=1");
        Kubectl.Background watch = kubectl.background("get", "configmaps", "-n", "team-a", "--watch", "-o", "name");
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> watch.outputSoFar().contains("configmap/first"));
            kubectl.ok("create", "configmap", "second", "-n", "team-a", "--from-literal=b=2");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> watch.outputSoFar().contains("configmap/second"));
        } finally {
            watch.kill();
        }
        String resourceVersion =
                kubectl.ok("get", "configmap", "second", "-n", "team-a", "-o", "jsonpath={.metadata.resourceVersion}");
        try (Store direct = Stores.open(
                StoreConfig.etcd(EtcdConfig.of(etcd.clientUrls())).withCompactInterval(Duration.ZERO),
                Clock.systemUTC())) {
            var stored = direct.get("/registry/configmaps/team-a/second").orElseThrow();
            assertThat(Long.toString(stored.modRevision())).isEqualTo(resourceVersion.strip());
            assertThat(new String(stored.value(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"b\":\"2\"");
        }
    }

    /**
     * Another program writes to the same etcd beside /registry/: the revision rises with no event
     * for the API server's watch. A consistent list still answers, at that revision (the watch
     * cache learns from etcd's progress notification that it has seen everything up to it).
     */
    @Test
    void aConsistentListAfterAWriteBesideTheRegistryAnswersAtTheNewRevision() throws Exception {
        kubectl.ok("create", "namespace", "team-c");
        kubectl.ok("create", "configmap", "mine", "-n", "team-c", "--from-literal=a=1");
        long foreign;
        try (Store direct = Stores.open(
                StoreConfig.etcd(EtcdConfig.of(etcd.clientUrls())).withCompactInterval(Duration.ZERO),
                Clock.systemUTC())) {
            foreign = direct.create("/another-program/setting", new byte[] {1}).modRevision();
        }

        String list = kubectl.ok("get", "--raw", "/api/v1/namespaces/team-c/configmaps");

        long listed = Long.parseLong(list.replaceAll("(?s).*?\"resourceVersion\":\"(\\d+)\".*", "$1"));
        assertThat(listed).isGreaterThanOrEqualTo(foreign);
        assertThat(kubectl.ok("get", "configmaps", "-n", "team-c", "-o", "name"))
                .contains("configmap/mine");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void withoutQuorumAWriteIsA504TimeoutStatusAndWritesAgainOnceQuorumIsBack() throws Exception {
        kubectl.ok("create", "namespace", "team-b");
        etcd.member(1).stop();
        etcd.member(2).stop();

        Kubectl.Result refused = kubectl.run("create", "configmap", "lost", "-n", "team-b", "--from-literal=a=1");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err())
                .contains("Timeout: request did not complete within requested timeout")
                .contains("etcd");
        etcd.member(1).restart();
        etcd.member(2).restart();
        etcd.awaitHealthy();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> kubectl.run("create", "configmap", "kept", "-n", "team-b", "--from-literal=a=1")
                                .exitCode()
                        == 0);
        assertThat(kubectl.ok("get", "configmaps", "-n", "team-b", "-o", "name"))
                .contains("configmap/kept");
    }
}

package io.everynode.controlplane.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.controlplane.ControlPlane;
import io.everynode.store.EtcdConfig;
import io.everynode.store.KeyValue;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.everynode.testkit.Kubectl;
import io.everynode.testkit.etcd.EtcdCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started on an etcd written in the former key layout ({@code /registry/<group|core>/...})
 * rewrites it before it serves: kubectl finds the objects with their uids, and etcd holds them at
 * upstream's keys ({@code /registry/daemonsets/}, {@code /registry/minions/}) only.
 */
class FormerLayoutOnEtcdIT {
    static final String DAEMONSET = """
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent","namespace":"kube-system",\
            "uid":"5f0c6b9e-0000-4000-8000-000000000001","generation":1,"creationTimestamp":"2026-01-01T00:00:00Z"},\
            "spec":{"selector":{"matchLabels":{"app":"agent"}},"template":{"metadata":{"labels":{"app":"agent"}},\
            "spec":{"containers":[{"name":"agent","image":"agent:1"}]}}}}""";
    static final String NODE = """
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1",\
            "uid":"5f0c6b9e-0000-4000-8000-000000000002","creationTimestamp":"2026-01-01T00:00:00Z"}}""";

    @TempDir
    Path dir;

    @Test
    void aServerOnAnEtcdOfTheFormerLayoutServesItsObjectsFromUpstreamsKeys() throws Exception {
        EtcdCluster.assumeAvailable();
        try (EtcdCluster etcd = EtcdCluster.start(dir.resolve("etcd"), 1);
                Store direct = Stores.open(
                        StoreConfig.etcd(EtcdConfig.of(etcd.clientUrls())).withCompactInterval(Duration.ZERO),
                        Clock.systemUTC())) {
            direct.create("/registry/apps/daemonsets/kube-system/agent", DAEMONSET.getBytes(StandardCharsets.UTF_8));
            direct.create("/registry/core/nodes/node-1", NODE.getBytes(StandardCharsets.UTF_8));

            try (ControlPlane cp = ControlPlane.builder()
                    .store(StoreConfig.etcd(EtcdConfig.of(etcd.clientUrls())))
                    .controllers(null)
                    .build()
                    .start()) {
                Kubectl kubectl = Kubectl.forServer(cp.url(), Files.createDirectories(dir.resolve("kubectl")));

                assertThat(kubectl.ok(
                                        "get",
                                        "daemonset",
                                        "agent",
                                        "-n",
                                        "kube-system",
                                        "-o",
                                        "jsonpath={.metadata.uid}")
                                .strip())
                        .isEqualTo("5f0c6b9e-0000-4000-8000-000000000001");
                assertThat(kubectl.ok("get", "node", "node-1", "-o", "jsonpath={.metadata.uid}")
                                .strip())
                        .isEqualTo("5f0c6b9e-0000-4000-8000-000000000002");
            }
            assertThat(direct.list("/registry/daemonsets/", 0).items())
                    .extracting(KeyValue::key)
                    .containsExactly("/registry/daemonsets/kube-system/agent");
            assertThat(direct.get("/registry/minions/node-1").orElseThrow().value())
                    .isEqualTo(NODE.getBytes(StandardCharsets.UTF_8));
            assertThat(direct.list("/registry/apps/", 0).items()).isEmpty();
            assertThat(direct.list("/registry/core/", 0).items()).isEmpty();
        }
    }
}

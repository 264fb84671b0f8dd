package io.everynode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.testkit.etcd.EtcdCluster;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole {@link Store} contract on etcd: a 3-member cluster on loopback (Debian's etcd 3.4),
 * shared by the tests of this class, each test's store under a key prefix of its own.
 */
class EtcdStoreIT extends StoreContractTest {

    private static Path dir;
    private static EtcdCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        EtcdCluster.assumeAvailable();
        dir = Files.createTempDirectory("etcd-store-it");
        cluster = EtcdCluster.start(dir, 3);
    }

    @AfterAll
    static void stopCluster() throws java.io.IOException {
        if (cluster != null) {
            cluster.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Override
    protected StoreConfig config() {
        return StoreConfig.etcd(EtcdConfig.of(cluster.clientUrls()).withKeyPrefix("/test-" + UUID.randomUUID()));
    }

    @Test
    void keysLiveInEtcdUnderTheKeyPrefixAsGiven() {
        String prefix = "/cluster-" + UUID.randomUUID();
        Store prefixed =
                open(StoreConfig.etcd(EtcdConfig.of(cluster.clientUrls()).withKeyPrefix(prefix))
                        .withCompactInterval(Duration.ZERO));
        Store bare = open(StoreConfig.etcd(EtcdConfig.of(cluster.clientUrls())).withCompactInterval(Duration.ZERO));

        KeyValue created = prefixed.create("/registry/pods/default/a", bytes("pod"));

        KeyValue raw = bare.get(prefix + "/registry/pods/default/a").orElseThrow();
        assertThat(text(raw)).isEqualTo("pod");
        assertThat(raw.modRevision()).isEqualTo(created.modRevision());
        assertThat(prefixed.list("/registry/", 0).items())
                .extracting(KeyValue::key)
                .containsExactly("/registry/pods/default/a");
    }

    @Test
    void aWriteAcknowledgedByTheClusterIsReadThroughAnyMember() {
        KeyValue written = store.create("/durable", bytes("1"));

        for (URI member : cluster.clientUrls()) {
            Store one = open(StoreConfig.etcd(EtcdConfig.of(List.of(member)).withKeyPrefix(prefixOf(store)))
                    .withCompactInterval(Duration.ZERO));
            assertThat(one.get("/durable").orElseThrow().modRevision()).isEqualTo(written.modRevision());
        }
    }

    @Test
    void aStoreLearnsOfACompactionAnotherServerMade() {
        Store other = open(config().withCompactInterval(Duration.ZERO)); // opened before the compaction
        KeyValue first = store.create("/a", bytes("1"));
        store.update("/a", bytes("2"), 0);
        // No retention at all: compacts to the latest revision it has seen.
        EtcdConfig etcd = EtcdConfig.of(cluster.clientUrls()).withKeyPrefix(prefixOf(store));
        Store compacting = open(new StoreConfig(null, Duration.ZERO, 0, Duration.ZERO, etcd));

        long compacted = compacting.compact();

        assertThat(compacted).isEqualTo(first.modRevision() + 1);
        assertThatThrownBy(() -> other.list("/", first.modRevision()))
                .isInstanceOfSatisfying(
                        CompactedException.class,
                        e -> assertThat(e.compactRevision()).isEqualTo(compacted));
        assertThat(other.compactRevision()).isEqualTo(compacted);
        assertThatThrownBy(() -> store.watch("/", first.modRevision(), new RecordingListener()))
                .isInstanceOf(CompactedException.class);
        assertThat(open(config()).compactRevision()).isEqualTo(compacted);
    }

    @Test
    void anUnreachableClusterIsStoreUnavailable() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + freePort());
        EtcdConfig unreachable = EtcdConfig.of(List.of(nobody)).withRequestTimeout(Duration.ofSeconds(2));

        assertThatThrownBy(() -> open(StoreConfig.etcd(unreachable)))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(nobody.toString());
    }

    private String prefixOf(Store s) {
        return ((EtcdStore) s).keyPrefix();
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

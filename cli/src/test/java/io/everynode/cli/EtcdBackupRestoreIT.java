package io.everynode.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.store.CompactedException;
import io.everynode.store.EtcdConfig;
import io.everynode.store.KeyValue;
import io.everynode.store.ListResult;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.StoreEvent;
import io.everynode.store.Stores;
import io.everynode.store.Watch;
import io.everynode.testkit.etcd.EtcdCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code everynode backup --store etcd} (an etcd snapshot) and {@code restore} of it into a new
 * member's data directory, on one-member etcd clusters: the restored etcd has the backup's values
 * (uids in them) and not the writes after it, a revision above every one handed out before, and a
 * watch resumed from before the restore is told its history is gone, relists and follows.
 */
class EtcdBackupRestoreIT {
    private static final String KEPT = "/registry/namespaces/kept";
    private static final String LOST = "/registry/namespaces/after-the-backup";

    @TempDir
    Path dir;

    @Test
    void anEtcdSnapshotRestoresWithItsValuesAboveEveryRevisionSeenAndAResumedWatchRelists() throws Exception {
        EtcdCluster.assumeAvailable();
        assumeEtcdctl();
        Path backup = dir.resolve("backup.db");
        List<StoreEvent> seenByClient = new CopyOnWriteArrayList<>();
        long seen;
        try (EtcdCluster a = EtcdCluster.start(dir.resolve("a"), 1);
                Store store = open(a)) {
            Watch watch = store.watch("/registry/", store.currentRevision(), seenByClient::add);
            store.create(KEPT, bytes("{\"uid\":\"kept-uid\"}"));

            CommandRun saved = CommandRun.of(
                    "backup", "--store", "etcd", "--etcd-endpoints", a.endpoints(), "--to", backup.toString());
            assertThat(saved.exitCode()).as(saved.err()).isZero();
            assertThat(saved.out()).contains("saved an etcd snapshot at revision ");
            assertThat(backup).isRegularFile();
            assertThat(backup.resolveSibling("backup.db.partial")).doesNotExist();

            seen = store.create(LOST, bytes("{\"uid\":\"lost-uid\"}")).modRevision();
            await().atMost(Duration.ofSeconds(30)).until(() -> seenByClient.size() == 2);
            watch.close();
        }

        // The restored member's directory, named as EtcdCluster names its first member's.
        Path member = dir.resolve("b/m0/data");
        CommandRun restored = CommandRun.of(
                "restore",
                "--from",
                backup.toString(),
                "--data-dir",
                member.toString(),
                "--initial-cluster",
                "m0=http://127.0.0.1:2380",
                "--bump-revision",
                "1000");
        assertThat(restored.exitCode()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("member m0: etcd --name m0 --data-dir " + member);

        try (EtcdCluster b = EtcdCluster.start(dir.resolve("b"), 1);
                Store store = open(b)) {
            assertThat(new String(store.get(KEPT).orElseThrow().value(), UTF_8)).isEqualTo("{\"uid\":\"kept-uid\"}");
            assertThat(store.get(LOST)).isEmpty();
            assertThat(store.currentRevision()).isGreaterThan(seen + 900);

            // The client resumes its watch after the last event it saw: that history is gone.
            long resumeFrom = seenByClient.get(seenByClient.size() - 1).revision();
            assertThatThrownBy(() -> store.watch("/registry/", resumeFrom, event -> {}))
                    .isInstanceOf(CompactedException.class);
            // So it relists, and watches from the list's revision.
            ListResult relist = store.list("/registry/", 0);
            assertThat(relist.items()).extracting(KeyValue::key).containsExactly(KEPT);
            assertThat(relist.revision()).isGreaterThan(seen);
            List<StoreEvent> afterRelist = new CopyOnWriteArrayList<>();
            Watch watch = store.watch("/registry/", relist.revision(), afterRelist::add);
            try {
                KeyValue fresh = store.create("/registry/namespaces/after-the-restore", bytes("{}"));
                assertThat(fresh.modRevision()).isGreaterThan(seen);
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(afterRelist)
                                .extracting(StoreEvent::key)
                                .containsExactly("/registry/namespaces/after-the-restore"));
            } finally {
                watch.close();
            }
        }
    }

    @Test
    void aBackupOfAnUnreachableEtcdFailsWithTheReasonAndWritesNoFile() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path backup = dir.resolve("backup.db");

        CommandRun saved = CommandRun.of(
                "backup",
                "--store",
                "etcd",
                "--etcd-endpoints",
                "http://127.0.0.1:" + closed,
                // what fails is the connection, not the wait: a short timeout tells the same reason sooner
                "--etcd-request-timeout",
                "1s",
                "--to",
                backup.toString());

        assertThat(saved.exitCode()).isEqualTo(1);
        assertThat(saved.err())
                .startsWith("error: etcd (http://127.0.0.1:" + closed + ")")
                .contains("reading the revision before a snapshot");
        assertThat(backup).doesNotExist();
        assertThat(backup.resolveSibling("backup.db.partial")).doesNotExist();
    }

    @Test
    void restoringAnEtcdSnapshotRefusesADataDirectoryThatIsNotEmpty() throws Exception {
        Path member = Files.createDirectories(dir.resolve("member"));
        Files.writeString(member.resolve("keep-me"), "not mine to overwrite");
        Path snapshot = dir.resolve("backup.db");
        // What restore recognises an etcd snapshot by: bbolt's magic after the first page header.
        byte[] head = new byte[4096];
        head[16] = (byte) 0xed;
        head[17] = (byte) 0xda;
        head[18] = (byte) 0x0c;
        head[19] = (byte) 0xed;
        Files.write(snapshot, head);

        CommandRun restored = CommandRun.of("restore", "--from", snapshot.toString(), "--data-dir", member.toString());

        assertThat(restored.exitCode()).isEqualTo(1);
        assertThat(restored.err()).startsWith("error: data directory " + member + " exists and is not empty");
        assertThat(Files.readString(member.resolve("keep-me"))).isEqualTo("not mine to overwrite");
    }

    /** restore runs etcdctl (Debian's etcd-client); skipped without it, except in CI, where it must run. */
    private static void assumeEtcdctl() {
        boolean present = Arrays.stream(
                        System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "etcdctl")));
        if (!"true".equals(System.getenv("CI"))) {
            Assumptions.assumeTrue(present, "etcdctl is not installed (Debian package etcd-client)");
        }
    }

    private static Store open(EtcdCluster cluster) {
        return Stores.open(
                StoreConfig.etcd(EtcdConfig.of(cluster.clientUrls())).withCompactInterval(Duration.ZERO),
                Clock.systemUTC());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}

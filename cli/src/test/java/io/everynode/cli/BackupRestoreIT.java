package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.client.ApiError;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.client.WatchEvent;
import io.everynode.client.Watcher;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code everynode backup} of a running server and {@code restore} into a new data directory: the
 * restored server has the backup's objects with their uids, hands out revisions above any the old
 * one gave, and a watch from before the restore gets 410 while an informer that lived through it
 * relists and follows the new server.
 */
class BackupRestoreIT {
    private static final String LISTENING = "everynode server listening on ";

    @TempDir
    Path dir;

    @Test
    void aBackupOfARunningServerRestoresWithItsUidsAboveEveryRevisionSeenAndWatchersRelist() throws Exception {
        int port = freePort();
        Path dataA = dir.resolve("a");
        Process a = server(dataA, port, "a");
        Process b = null;
        try {
            awaitListening("a");
            KubeClient client = KubeClient.fromKubeconfig(dataA.resolve("kubeconfig"));
            Namespace kept = client.create(namespace("kept"));
            Informer<Namespace> informer = new Informer<>(client, Namespace.class, null);
            informer.start();
            assertThat(informer.awaitSynced(Duration.ofSeconds(30))).isTrue();

            CommandRun backup = CommandRun.of(
                    "backup",
                    "--data-dir",
                    dataA.toString(),
                    "--to",
                    dir.resolve("backup.db").toString());
            assertThat(backup.exitCode()).isZero();
            assertThat(backup.out()).contains("backed up revision ", "keep " + dataA.resolve("pki"));

            Namespace lost = client.create(namespace("after-the-backup"));
            long seen = Long.parseLong(lost.getMetadata().getResourceVersion());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> informer.lister().get(null, "after-the-backup").isPresent());
            stop(a);

            Path dataB = dir.resolve("b");
            CommandRun restore = CommandRun.of(
                    "restore", "--from", dir.resolve("backup.db").toString(), "--data-dir", dataB.toString());
            assertThat(restore.exitCode()).isZero();
            assertThat(restore.out()).contains("Copy the backed-up server's pki directory");
            copyTree(dataA.resolve("pki"), dataB.resolve("pki"));
            b = server(dataB, port, "b");
            awaitListening("b");

            Namespace restored = client.get(Namespace.class, null, "kept");
            assertThat(restored.getMetadata().getUid())
                    .isEqualTo(kept.getMetadata().getUid());
            assertThat(Long.parseLong(client.list(Namespace.class, null).resourceVersion()))
                    .isGreaterThan(seen);
            // A watch from the last revision a client saw before the restore: 410, so it relists.
            assertThatThrownBy(() -> client.watch(
                            Namespace.class,
                            null,
                            new ListOptionsBuilder()
                                    .withResourceVersion(Long.toString(seen))
                                    .build(),
                            new Watcher<>() {
                                @Override
                                public void onEvent(WatchEvent<Namespace> event) {}
                            }))
                    .isInstanceOfSatisfying(
                            ApiError.class, e -> assertThat(e.isGone()).isTrue());

            Namespace fresh = client.create(namespace("after-the-restore"));
            assertThat(Long.parseLong(fresh.getMetadata().getResourceVersion())).isGreaterThan(seen);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(informer.lister().get(null, "after-the-restore")).isPresent();
                assertThat(informer.lister().get(null, "after-the-backup")).isEmpty();
                assertThat(informer.lister()
                                .get(null, "kept")
                                .orElseThrow()
                                .getMetadata()
                                .getUid())
                        .isEqualTo(kept.getMetadata().getUid());
            });
            informer.close();
            client.close();
        } finally {
            stop(a);
            if (b != null) stop(b);
        }
    }

    @Test
    void restoreRefusesADataDirectoryThatHoldsAStore() throws Exception {
        Path data = dir.resolve("a");
        Files.createDirectories(data);
        Files.writeString(data.resolve("everynode.db"), "not mine to overwrite");
        Files.writeString(dir.resolve("backup.db"), "");

        CommandRun restore =
                CommandRun.of("restore", "--from", dir.resolve("backup.db").toString(), "--data-dir", data.toString());

        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.err()).startsWith("error: data directory " + data + " already holds a store");
        assertThat(Files.readString(data.resolve("everynode.db"))).isEqualTo("not mine to overwrite");
    }

    private Process server(Path data, int port, String name) throws Exception {
        return EverynodeJvm.start(
                dir.resolve(name + ".out"),
                dir.resolve(name + ".err"),
                "server",
                "--port",
                Integer.toString(port),
                "--data-dir",
                data.toString());
    }

    private void awaitListening(String name) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.readString(dir.resolve(name + ".out")).contains(LISTENING));
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
    }

    private static Namespace namespace(String name) {
        return new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .build();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}

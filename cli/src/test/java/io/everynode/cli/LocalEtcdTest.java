package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link LocalEtcd} lays its members out, resumes them, reports an etcd that cannot start, and
 * says what is missing. Starting real members is for the ITs of its commands (UpHaIT,
 * BenchOnEtcdIT, EtcdBackupRestoreIT); here a script stands in for an etcd that exits at once.
 */
class LocalEtcdTest {
    @TempDir
    Path dir;

    @Test
    void aNewLayoutWritesDistinctLoopbackPortsThatAResumedOneReadsBack() throws IOException {
        List<LocalEtcd.Member> made = LocalEtcd.layout(dir, 3, true);

        assertThat(made).extracting(LocalEtcd.Member::name).containsExactly("m1", "m2", "m3");
        assertThat(made.get(1).dataDir()).isEqualTo(dir.resolve("m2/data"));
        assertThat(made.stream().flatMap(m -> List.of(m.clientPort(), m.peerPort()).stream()))
                .doesNotHaveDuplicates();
        assertThat(Files.readAllLines(dir.resolve("ports"))).hasSize(3);
        assertThat(LocalEtcd.layout(dir, 3, true)).isEqualTo(made);
    }

    @Test
    void aResumedClusterOfAnotherSizeIsRefusedWithTheSizeItHas() throws IOException {
        LocalEtcd.layout(dir, 3, true);

        assertThatThrownBy(() -> LocalEtcd.layout(dir, 1, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir + " holds an etcd cluster of 3 members, not 1: use --ha 3, or another --data-dir");
    }

    @Test
    void withoutResumeADirectoryThatHoldsAClusterIsRefused() throws IOException {
        LocalEtcd.layout(dir, 1, false);

        assertThatThrownBy(() -> LocalEtcd.layout(dir, 1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds an etcd cluster already");
    }

    @Test
    void aClusterWithoutMembersIsRefused() {
        assertThatThrownBy(() -> LocalEtcd.layout(dir, 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an etcd cluster needs at least one member, not 0");
    }

    @Test
    void aMemberThatExitsIsReportedWithTheEndOfItsLogAndThrowawayDataIsDeleted() throws IOException {
        Path fake = Files.createDirectories(dir.resolve("bin")).resolve("etcd");
        Files.writeString(fake, "#!/bin/sh\necho 'listen tcp: address already in use' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cluster = dir.resolve("cluster");

        assertThatThrownBy(() -> LocalEtcd.start(fake, cluster, 1, LocalEtcd.Options.THROWAWAY))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("etcd member m1 exited; see " + cluster.resolve("m1/etcd.log"))
                .hasMessageEndingWith("which ends:\nlisten tcp: address already in use");
        assertThat(cluster).doesNotExist();
    }

    @Test
    void aKeptClusterThatFailsToStartKeepsItsLogs() {
        Path cluster = dir.resolve("cluster");

        assertThatThrownBy(() -> LocalEtcd.start(Path.of("/bin/false"), cluster, 1, LocalEtcd.Options.KEPT))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("etcd member m1 exited");
        assertThat(cluster.resolve("ports")).exists();
        assertThat(cluster.resolve("m1/etcd.log")).exists();
    }

    @Test
    void theMissingBinaryMessageNamesTheCommandTheToolAndItsDebianPackage() {
        assertThat(LocalEtcd.missingMessage("up --ha", "etcd"))
                .isEqualTo("up --ha needs etcd (3.4 or later) and found none on the PATH: install Debian's"
                        + " etcd-server (sudo apt-get install etcd-server), or put an etcd binary on the PATH");
        assertThat(LocalEtcd.missingMessage("restoring an etcd snapshot", "etcdctl"))
                .contains("needs etcdctl", "install Debian's etcd-client (sudo apt-get install etcd-client)");
    }
}

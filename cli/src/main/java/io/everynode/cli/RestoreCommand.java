package io.everynode.cli;

import io.everynode.store.EtcdSnapshot;
import io.everynode.store.SqliteBackup;
import io.everynode.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code everynode restore --from FILE --data-dir DIR}: a new data directory from a backup, its
 * revision raised by {@code --bump-revision} and compacted there, so that the restored cluster
 * hands out no revision a client of the backed-up one may already have seen, and every watch from
 * before the restore gets 410 Gone and relists (upstream's {@code etcdutl snapshot restore
 * --bump-revision --mark-compacted}). A SQLite backup makes a server data directory; an etcd
 * snapshot (recognised by its content) makes etcd member data directories
 * ({@link EtcdSnapshotRestore}).
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = "Makes a new server data directory from a SQLite backup, or etcd member data directories from an"
                + " etcd snapshot.")
final class RestoreCommand implements Callable<Integer> {
    /** As upstream's advice for --bump-revision: more writes than any cluster makes between backups. */
    static final long DEFAULT_BUMP = 1_000_000_000L;

    /**
     * etcd 3.4 raises its revision only by writing, one revision per write,
     * so the etcd default is smaller: a day of a busy cluster's writes.
     */
    static final long DEFAULT_ETCD_BUMP = 100_000L;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The backup file to restore.")
    Path from;

    @Option(
            names = "--data-dir",
            required = true,
            description = "The data directory to make; it must not hold a store already. For an etcd snapshot: the"
                    + " member's data directory, or with several --initial-cluster members one directory per member"
                    + " under it.")
    Path dataDir;

    @Option(
            names = "--bump-revision",
            description = "How far to raise the revision above the backup's; more than the writes made after"
                    + " the backup was taken (default: " + DEFAULT_BUMP + " for SQLite, " + DEFAULT_ETCD_BUMP
                    + " for etcd, where each costs a write).")
    Long bumpRevision;

    @Option(
            names = "--initial-cluster",
            defaultValue = "default=http://localhost:2380",
            paramLabel = "NAME=PEER_URL,…",
            description = "etcd snapshot only: the members of the restored etcd cluster, as etcd's --initial-cluster"
                    + " (default: ${DEFAULT-VALUE}, etcd's own).")
    String initialCluster;

    @Option(
            names = "--initial-cluster-token",
            defaultValue = "etcd-cluster",
            description = "etcd snapshot only: as etcd's --initial-cluster-token (default: ${DEFAULT-VALUE}).")
    String initialClusterToken;

    @Override
    public Integer call() {
        try {
            if (Files.isRegularFile(from) && EtcdSnapshot.looksLikeSnapshot(from)) {
                return restoreEtcd();
            }
            long bump = bumpRevision == null ? DEFAULT_BUMP : bumpRevision;
            SqliteBackup.Snapshot s = SqliteBackup.restore(from, dataDir, bump);
            System.out.println("restored " + s.keys() + " objects from " + from + " into " + dataDir + " at revision "
                    + s.revision() + " (the backup's + " + bump + ")");
            if (!Files.isDirectory(dataDir.resolve("pki"))) {
                System.out.println("Copy the backed-up server's pki directory to " + dataDir.resolve("pki")
                        + " before `everynode server --data-dir " + dataDir + "`: without it the server makes a new"
                        + " cluster CA, and agents and service-account tokens no longer authenticate.");
            }
            return 0;
        } catch (StoreException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int restoreEtcd() {
        long bump = bumpRevision == null ? DEFAULT_ETCD_BUMP : bumpRevision;
        if (bump < 0) {
            throw new IllegalArgumentException("the revision bump must not be negative, got " + bump);
        }
        EtcdSnapshotRestore.Result r = EtcdSnapshotRestore.fromPath(System.out)
                .restore(from, dataDir, initialCluster, initialClusterToken, bump);
        System.out.println("restored the etcd snapshot " + from + " (revision " + r.backupRevision() + ") at revision "
                + r.revision() + ", compacted there:");
        for (Map.Entry<String, Path> member : r.dataDirs().entrySet()) {
            System.out.println("  member " + member.getKey() + ": etcd --name " + member.getKey() + " --data-dir "
                    + member.getValue() + " --initial-cluster " + initialCluster + " …");
        }
        System.out.println("Start the etcd members on these data directories, then `everynode server --store etcd"
                + " --etcd-endpoints …` with the backed-up server's pki directory in its --data-dir.");
        return 0;
    }
}

package io.everynode.cli;

import io.everynode.store.SqliteBackup;
import io.everynode.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code everynode restore --from FILE --data-dir DIR}: a new data directory from a backup, its
 * revision raised by {@code --bump-revision} and compacted there, so that the restored server
 * hands out no revision a client of the backed-up cluster may already have seen, and every watch
 * from before the restore gets 410 Gone and relists (upstream's {@code etcdutl snapshot restore
 * --bump-revision --mark-compacted}).
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = "Makes a new server data directory from a backup file.")
final class RestoreCommand implements Callable<Integer> {
    /** As upstream's advice for --bump-revision: more writes than any cluster makes between backups. */
    static final long DEFAULT_BUMP = 1_000_000_000L;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The backup file to restore.")
    Path from;

    @Option(
            names = "--data-dir",
            required = true,
            description = "The data directory to make; it must not hold a store already.")
    Path dataDir;

    @Option(
            names = "--bump-revision",
            defaultValue = "" + DEFAULT_BUMP,
            description = "How far to raise the revision above the backup's; more than the writes made after"
                    + " the backup was taken (default: ${DEFAULT-VALUE}).")
    long bumpRevision;

    @Override
    public Integer call() {
        try {
            SqliteBackup.Snapshot s = SqliteBackup.restore(from, dataDir, bumpRevision);
            System.out.println("restored " + s.keys() + " objects from " + from + " into " + dataDir + " at revision "
                    + s.revision() + " (the backup's + " + bumpRevision + ")");
            if (!Files.isDirectory(dataDir.resolve("pki"))) {
                System.out.println("Copy the backed-up server's pki directory to " + dataDir.resolve("pki")
                        + " before `everynode server --data-dir " + dataDir + "`: without it the server makes a new"
                        + " cluster CA, and agents and service-account tokens no longer authenticate.");
            }
            return 0;
        } catch (StoreException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}

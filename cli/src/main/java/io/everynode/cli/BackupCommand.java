package io.everynode.cli;

import io.everynode.store.SqliteBackup;
import io.everynode.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code everynode backup --to FILE}: a consistent copy of a server's store, taken on the store's
 * file with SQLite's online backup API whether the server runs or not (docs/ha.md, "Backup and
 * restore", says why not through the API). The store only: the PKI and the encryption
 * configuration are kept by the user, as upstream keeps an etcd snapshot apart from its PKI.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = "Copies a server's store to a file, consistently, while the server runs or not.")
final class BackupCommand implements Callable<Integer> {
    @Option(
            names = "--data-dir",
            defaultValue = ".everynode/server",
            description = "The data directory of the server whose SQLite store to copy (default: ${DEFAULT-VALUE}; "
                    + "for an `up` cluster: .everynode/data).")
    Path dataDir;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "The backup file to write.")
    Path to;

    @Override
    public Integer call() {
        try {
            SqliteBackup.Snapshot s = SqliteBackup.backup(dataDir, to);
            System.out.println(
                    "backed up revision " + s.revision() + " (" + s.keys() + " objects) of " + dataDir + " to " + to);
            System.out.println("The backup holds the store only: keep " + dataDir.resolve("pki")
                    + " (the cluster CA and service-account keys) and any --encryption-provider-config file"
                    + " with it; a restore needs them.");
            return 0;
        } catch (StoreException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}

package io.everynode.cli;

import io.everynode.store.EtcdSnapshot;
import io.everynode.store.SqliteBackup;
import io.everynode.store.StoreConfig;
import io.everynode.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code everynode backup --to FILE}: a consistent copy of a server's store, taken on the store
 * itself whether a server runs or not (docs/ha.md, "Backup and restore", says why not through the
 * API): the SQLite file with SQLite's online backup API, or, with {@code --store etcd
 * --etcd-endpoints …} (the server's own store flags, so the same command line names the same
 * store), an etcd snapshot. The store only: the PKI and the encryption configuration are kept by
 * the user, as upstream keeps an etcd snapshot apart from its PKI.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = "Copies a server's store (SQLite file or etcd snapshot) to a file, consistently, while the"
                + " server runs or not.")
final class BackupCommand implements Callable<Integer> {
    @Option(
            names = "--data-dir",
            defaultValue = ".everynode/server",
            description = "The data directory of the server whose SQLite store to copy (default: ${DEFAULT-VALUE}; "
                    + "for an `up` cluster: .everynode/data). With --store etcd: where its pki is.")
    Path dataDir;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "The backup file to write.")
    Path to;

    @Mixin
    StoreFlags storeFlags = new StoreFlags();

    @Override
    public Integer call() {
        try {
            StoreConfig store = storeFlags.config(dataDir);
            if (store.etcd() != null) {
                EtcdSnapshot.Saved s = EtcdSnapshot.save(store.etcd(), to);
                System.out.println("saved an etcd snapshot at revision " + s.revisionAtLeast() + " or later ("
                        + s.bytes() + " bytes) of " + storeFlags.where(dataDir) + " to " + to);
            } else {
                SqliteBackup.Snapshot s = SqliteBackup.backup(dataDir, to);
                System.out.println("backed up revision " + s.revision() + " (" + s.keys() + " objects) of " + dataDir
                        + " to " + to);
            }
            System.out.println("The backup holds the store only: keep " + dataDir.resolve("pki")
                    + " (the cluster CA and service-account keys) and any --encryption-provider-config file"
                    + " with it; a restore needs them.");
            return 0;
        } catch (StoreException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}

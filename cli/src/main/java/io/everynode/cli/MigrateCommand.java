package io.everynode.cli;

import io.everynode.store.EtcdMigration;
import io.everynode.store.StoreConfig;
import io.everynode.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code everynode migrate --data-dir DIR --store etcd --etcd-endpoints URL,…}: copies a stopped
 * SQLite server's objects into an empty etcd ({@link EtcdMigration}). Named for the act, with the
 * server's own store flags for the target, so the command line that then starts the server on
 * etcd is this one with {@code migrate} replaced by {@code server}.
 */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Copies a SQLite server's objects (stopped first) into an empty etcd, keeping uids and raising"
                + " etcd's revision above the SQLite store's.")
final class MigrateCommand implements Callable<Integer> {
    @Option(
            names = "--data-dir",
            defaultValue = ".everynode/server",
            description = "The data directory of the SQLite server to copy from (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Mixin
    StoreFlags storeFlags = new StoreFlags();

    @Override
    public Integer call() {
        try {
            if (!storeFlags.etcd()) {
                throw new IllegalArgumentException(
                        "migrate copies into etcd: give --store etcd --etcd-endpoints URL,…");
            }
            StoreConfig target = storeFlags.config(null);
            EtcdMigration.Result r = EtcdMigration.migrate(
                    dataDir, target.etcd(), revision -> System.out.println("  etcd at revision " + revision));
            System.out.println("copied " + r.keys() + " objects from " + dataDir + " (revision " + r.sqliteRevision()
                    + ") to " + storeFlags.where(dataDir) + ", now at revision " + r.etcdRevision()
                    + ", compacted there");
            System.out.println("Start the server with the same --data-dir (its pki stays there) and these --store"
                    + " flags; stop using the SQLite file.");
            return 0;
        } catch (StoreException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}

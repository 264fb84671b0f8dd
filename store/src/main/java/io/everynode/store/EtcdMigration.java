package io.everynode.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Copies a SQLite store's objects into an empty etcd (docs/ha.md "From SQLite to etcd").
 *
 * <p>Every live key under {@code /registry/} is written with its value byte for byte (uids,
 * creation times and encrypted envelopes unchanged). The SQLite store's revisions cannot be kept
 * (etcd assigns its own), so before the first object is written etcd's revision is raised to the
 * SQLite store's ({@link EtcdRevisions#raiseTo}); every object then gets a resourceVersion above
 * any the SQLite server handed out, and afterwards everything is compacted, so a client that
 * resumes a list or watch from a SQLite-era resourceVersion gets 410 Gone and relists instead of
 * waiting for revisions that mean something else here.
 *
 * <p>The SQLite store is read in one read transaction: the copy is the store at one revision, but
 * writes made after that by a server still running on it are not copied; stop it first.
 */
public final class EtcdMigration {
    /** Objects per etcd transaction: below etcd's default limit of 128 operations per transaction. */
    private static final int BATCH_KEYS = 100;

    /** Bytes per transaction: below etcd's default request limit of 1.5 MiB. */
    private static final int BATCH_BYTES = 1024 * 1024;

    private static final String PREFIX = "/registry/";

    /** What was copied: keys, the SQLite store's revision, and etcd's when done. */
    public record Result(long keys, long sqliteRevision, long etcdRevision) {}

    private EtcdMigration() {}

    /**
     * Copies the store in {@code dataDir} into the etcd at {@code config}.
     *
     * @param progress told etcd's revision now and then while it is raised
     * @throws StoreException when {@code dataDir} holds no store, or etcd already holds keys under
     *     {@code /registry/} (nothing is written then), or a write fails
     * @throws StoreUnavailableException when etcd does not answer
     */
    public static Result migrate(Path dataDir, EtcdConfig config, LongConsumer progress) {
        Path file = dataDir.resolve(SqliteSchema.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no store in " + dataDir + " (" + file + " does not exist)");
        }
        List<KeyValue> objects = new ArrayList<>();
        long sqliteRevision;
        try (Connection c = SqliteSchema.connect(dataDir)) {
            c.setAutoCommit(false); // one read transaction: one commit point
            sqliteRevision = SqliteSchema.highWaterMark(c);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT key, value FROM log WHERE id IN"
                            + " (SELECT MAX(id) FROM log GROUP BY key) AND deleted = 0 ORDER BY key")) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    if (key.startsWith(PREFIX)) {
                        objects.add(new KeyValue(key, rs.getBytes(2), 0, 0));
                    }
                }
            }
            c.rollback();
        } catch (SQLException e) {
            throw new StoreException("reading the store in " + dataDir + " failed: " + e.getMessage(), e);
        }
        try (EtcdRevisions revisions = new EtcdRevisions(config);
                Client client = EtcdClients.build(config)) {
            long present = revisions.count(PREFIX);
            if (present > 0) {
                throw new StoreException("etcd at " + endpoints(config) + " already holds " + present + " keys under "
                        + config.keyPrefix() + PREFIX + "; migrate into an empty etcd (or give another"
                        + " --etcd-key-prefix), so that no object of another cluster is overwritten or mixed in");
            }
            revisions.raiseTo(sqliteRevision, progress);
            EtcdCalls calls = new EtcdCalls(config);
            int from = 0;
            while (from < objects.size()) {
                int to = from;
                int bytes = 0;
                while (to < objects.size() && to - from < BATCH_KEYS && (to == from || bytes < BATCH_BYTES)) {
                    bytes += objects.get(to).value().length
                            + objects.get(to).key().length();
                    to++;
                }
                write(client, calls, config.keyPrefix(), objects.subList(from, to));
                from = to;
            }
            long etcdRevision = revisions.compactAll();
            return new Result(objects.size(), sqliteRevision, etcdRevision);
        }
    }

    /** One transaction: all of {@code batch} created, or none if any of its keys exists. */
    private static void write(Client client, EtcdCalls calls, String keyPrefix, List<KeyValue> batch) {
        List<Cmp> absent = new ArrayList<>();
        List<Op> puts = new ArrayList<>();
        for (KeyValue object : batch) {
            ByteSequence key = ByteSequence.from(keyPrefix + object.key(), UTF_8);
            absent.add(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)));
            puts.add(Op.put(key, ByteSequence.from(object.value()), PutOption.DEFAULT));
        }
        TxnResponse response = calls.await(
                client.getKVClient()
                        .txn()
                        .If(absent.toArray(Cmp[]::new))
                        .Then(puts.toArray(Op[]::new))
                        .commit(),
                "copying " + batch.get(0).key() + " and " + (batch.size() - 1) + " more");
        if (!response.isSucceeded()) {
            throw new StoreException("a key among " + batch.get(0).key() + " and the " + (batch.size() - 1)
                    + " after it appeared in etcd while copying: is a server already running on it? Nothing more"
                    + " was copied; empty " + keyPrefix + PREFIX + " and migrate again");
        }
    }

    private static String endpoints(EtcdConfig config) {
        return String.join(
                ",", config.endpoints().stream().map(Object::toString).toList());
    }
}

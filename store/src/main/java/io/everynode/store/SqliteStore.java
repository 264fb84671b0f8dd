package io.everynode.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded default: the log in SQLite ({@code <dataDir>/everynode.db}, WAL mode).
 *
 * <p>Writes go through {@link SqliteWriter} (one thread, group commit, durable on return).
 * Reads use a pool of connections. Compaction first raises {@link #compactRevision} and then
 * deletes rows, so a read that may have seen a half-compacted log notices by re-checking the
 * compact revision after its query.
 */
final class SqliteStore implements Store {

    private static final int READERS = 4;
    static final String LOCK_NAME = "everynode.lock";

    private final Retention retention;
    private final WatchHub hub;
    private final SqliteWriter writer;
    private final SqliteReaders readers;
    private final Compactor compactor;
    private final FileChannel lockFile;
    private volatile long compactRevision;
    private volatile boolean closed;

    SqliteStore(Path dataDir, Retention retention, StoreConfig config, int maxWatchBacklog) {
        this.retention = retention;
        this.hub = new WatchHub(maxWatchBacklog);
        FileChannel lock = null;
        try {
            Files.createDirectories(dataDir);
            // One writer per data directory: a second store would assign the same revisions.
            // The OS drops the lock when the process dies, kill -9 included.
            lock = FileChannel.open(dataDir.resolve(LOCK_NAME), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (tryLock(lock) == null) {
                throw new StoreException("data directory " + dataDir + " is in use by another store");
            }
            this.lockFile = lock;
            Connection connection = SqliteSchema.connect(dataDir);
            SqliteSchema.create(connection);
            this.compactRevision = SqliteSchema.compactRevision(connection);
            long revision = SqliteSchema.highWaterMark(connection);
            hub.startAt(revision);
            this.writer = new SqliteWriter(
                    connection,
                    revision,
                    () -> retention.clock().millis(),
                    rows -> hub.publish(rows.stream().map(Row::event).toList()));
            this.readers = new SqliteReaders(dataDir, READERS);
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(lock);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open store in " + dataDir + ": " + e.getMessage(), e);
        }
        this.compactor = new Compactor(this, config.compactInterval());
    }

    @Override
    public long currentRevision() {
        return writer.revision();
    }

    @Override
    public long compactRevision() {
        return compactRevision;
    }

    @Override
    public Optional<KeyValue> get(String key) {
        checkOpen();
        return readers.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + SqliteSchema.COLUMNS + " FROM log WHERE key = ? ORDER BY id DESC LIMIT 1")) {
                s.setString(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Row row = SqliteSchema.readRow(rs);
                    return row.deleted() ? Optional.empty() : Optional.of(row.keyValue());
                }
            }
        });
    }

    @Override
    public ListResult list(String prefix, long atRevision) {
        checkOpen();
        long current = writer.revision(); // every row up to here is committed
        long at = atRevision == 0 ? current : Math.min(atRevision, current);
        checkCompacted(at);
        List<KeyValue> items = readers.read(c -> {
            // Each key's latest row at or before the revision, unless that row is a tombstone.
            try (PreparedStatement s = c.prepareStatement("SELECT " + SqliteSchema.COLUMNS
                    + " FROM log WHERE id IN (SELECT MAX(id) FROM log WHERE key >= ? AND key < ? AND id <= ?"
                    + " GROUP BY key) AND deleted = 0 ORDER BY key")) {
                s.setString(1, prefix);
                s.setString(2, Keys.upperBound(prefix));
                s.setLong(3, at);
                List<KeyValue> result = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Row row = SqliteSchema.readRow(rs);
                        if (row.key().startsWith(prefix)) {
                            result.add(row.keyValue());
                        }
                    }
                }
                return result;
            }
        });
        checkCompacted(at); // compaction may have run during the query
        return new ListResult(List.copyOf(items), at);
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        return writer.submit(Mutation.create(key, value));
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        return writer.submit(Mutation.update(key, value, expectedModRevision));
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        return writer.submit(Mutation.delete(key, expectedModRevision));
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        checkOpen();
        checkCompacted(afterRevision);
        // Register first, read history second: a write committed after the read began is
        // published after registration, so it arrives live; one the read saw is dropped by
        // revision when it also arrives live. No gap, no duplicate.
        WatchSession session = hub.register(prefix, afterRevision, listener);
        try {
            List<StoreEvent> replay = readers.read(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT " + SqliteSchema.COLUMNS
                        + " FROM log WHERE id > ? AND key >= ? AND key < ? ORDER BY id")) {
                    s.setLong(1, afterRevision);
                    s.setString(2, prefix);
                    s.setString(3, Keys.upperBound(prefix));
                    List<StoreEvent> events = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            Row row = SqliteSchema.readRow(rs);
                            if (row.key().startsWith(prefix)) {
                                events.add(row.event());
                            }
                        }
                    }
                    return events;
                }
            });
            checkCompacted(afterRevision);
            session.start(replay);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public long compact() {
        checkOpen();
        writer.commitLock.lock();
        try {
            Connection c = writer.connection();
            long target;
            try (PreparedStatement s = c.prepareStatement("SELECT MAX(id) FROM log WHERE ts <= ?")) {
                s.setLong(1, retention.cutoffMillis());
                try (ResultSet rs = s.executeQuery()) {
                    long lastBeforeCutoff = rs.next() ? rs.getLong(1) : 0;
                    target = retention.target(writer.revision(), lastBeforeCutoff, compactRevision);
                }
            }
            if (target == compactRevision) {
                c.commit();
                return target;
            }
            compactRevision = target; // readers re-check this after their queries
            try (PreparedStatement superseded = c.prepareStatement("DELETE FROM log WHERE id <= ?1 AND id NOT IN"
                            + " (SELECT MAX(id) FROM log WHERE id <= ?1 GROUP BY key)");
                    PreparedStatement tombstones = c.prepareStatement("DELETE FROM log WHERE id <= ? AND deleted = 1");
                    PreparedStatement meta = c.prepareStatement(
                            "INSERT OR REPLACE INTO meta (name, value) VALUES ('compact_revision', ?)")) {
                superseded.setLong(1, target);
                superseded.executeUpdate();
                tombstones.setLong(1, target);
                tombstones.executeUpdate();
                meta.setLong(1, target);
                meta.executeUpdate();
            }
            c.commit();
            return target;
        } catch (SQLException e) {
            try {
                writer.connection().rollback();
            } catch (SQLException ignored) {
                // reported below
            }
            throw new StoreException("compaction failed: " + e.getMessage(), e);
        } finally {
            writer.commitLock.unlock();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        compactor.close();
        writer.close();
        hub.close();
        readers.close();
        try {
            writer.connection().close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            lockFile.close(); // releases the lock
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another store in this JVM
        }
    }

    private void checkCompacted(long atRevision) {
        if (atRevision < compactRevision) {
            throw new CompactedException(atRevision, compactRevision);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("store is closed");
        }
    }
}

package io.everynode.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConnection;

/**
 * Backup and restore of the SQLite store, on the file itself, whether or not a server has it open.
 *
 * <p>{@link #backup} copies the database with SQLite's online backup API in one step, that is
 * inside one read transaction: in WAL mode that transaction sees one consistent commit point and
 * never blocks the server's writer, so the copy is the store exactly as it was at one revision. The
 * copy is written beside the target and moved into place only when complete, in rollback-journal
 * mode so that it is one self-contained file.
 *
 * <p>{@link #restore} makes a new data directory from a backup and moves the revision counter
 * forward by {@code bumpRevision}, then marks everything up to the new revision compacted (as
 * {@code etcdutl snapshot restore --bump-revision --mark-compacted}): clients of the backed-up
 * cluster may have seen revisions written after the backup was taken, so the restored cluster must
 * hand out none of those again, and every watch or list from before the restore gets 410 Gone and
 * relists. Keys, values (uids included) and each key's revisions are kept as they were.
 */
public final class SqliteBackup {

    /** What a backup holds, or what a restore made: the revision it reflects and its live keys. */
    public record Snapshot(long revision, long keys) {}

    private SqliteBackup() {}

    /**
     * Copies the store in {@code dataDir} to the file {@code to} (replaced if it exists).
     *
     * @throws StoreException if {@code dataDir} holds no store or the copy fails
     */
    public static Snapshot backup(Path dataDir, Path to) {
        Path source = dataDir.resolve(SqliteSchema.FILE_NAME);
        if (!Files.isRegularFile(source)) {
            throw new StoreException("no store in " + dataDir + " (" + source + " does not exist)");
        }
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            try (Connection c = SqliteSchema.connect(dataDir)) {
                requireStore(c, source);
                // pagesPerStep -1: all pages in one step, one read transaction, one commit point.
                c.unwrap(SQLiteConnection.class).getDatabase().backup("main", partial.toString(), null, 100, 100, -1);
            }
            Snapshot snapshot;
            try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + partial)) {
                try (Statement s = copy.createStatement()) {
                    s.execute("PRAGMA journal_mode = DELETE"); // one file, no -wal beside it
                }
                snapshot = describe(copy, partial);
            }
            Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return snapshot;
        } catch (SQLException | IOException e) {
            deleteQuietly(partial);
            throw new StoreException("backup of " + source + " to " + to + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the store of a new data directory {@code dataDir} from the backup {@code from}, with
     * its revision raised by {@code bumpRevision} and compacted up to that revision.
     *
     * @return the restored store's revision and key count
     * @throws StoreException if {@code dataDir} already holds a store, {@code from} is not a backup,
     *     or {@code bumpRevision} is negative; nothing is written then
     */
    public static Snapshot restore(Path from, Path dataDir, long bumpRevision) {
        if (bumpRevision < 0) {
            throw new StoreException("the revision bump must not be negative, got " + bumpRevision);
        }
        if (!Files.isRegularFile(from)) {
            throw new StoreException("no backup at " + from);
        }
        Path target = dataDir.resolve(SqliteSchema.FILE_NAME);
        if (Files.exists(target)) {
            throw new StoreException(
                    "data directory " + dataDir + " already holds a store (" + target + "); restore into a new one");
        }
        Path partial = dataDir.resolve(SqliteSchema.FILE_NAME + ".restoring");
        try {
            Files.createDirectories(dataDir);
            Files.deleteIfExists(partial);
            try (Connection backup = DriverManager.getConnection("jdbc:sqlite:" + from)) {
                requireStore(backup, from);
                backup.unwrap(SQLiteConnection.class)
                        .getDatabase()
                        .backup("main", partial.toString(), null, 100, 100, -1);
            }
            Snapshot restored;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + partial)) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA journal_mode = DELETE");
                }
                bump(c, bumpRevision);
                restored = describe(c, partial);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return restored;
        } catch (SQLException | IOException e) {
            deleteQuietly(partial);
            throw new StoreException("restore of " + from + " into " + dataDir + " failed: " + e.getMessage(), e);
        }
    }

    /** Raises the high-water mark by {@code by} and compacts up to it, in one transaction. */
    private static void bump(Connection c, long by) throws SQLException {
        c.setAutoCommit(false);
        long revision = SqliteSchema.highWaterMark(c) + by;
        // sqlite_sequence is where AUTOINCREMENT keeps the highest id ever used (SqliteSchema).
        String sequence = exists(c, "SELECT 1 FROM sqlite_sequence WHERE name = 'log'")
                ? "UPDATE sqlite_sequence SET seq = ? WHERE name = 'log'"
                : "INSERT INTO sqlite_sequence (name, seq) VALUES ('log', ?)";
        try (PreparedStatement s = c.prepareStatement(sequence);
                PreparedStatement meta = c.prepareStatement(
                        "INSERT OR REPLACE INTO meta (name, value) VALUES ('compact_revision', ?)")) {
            s.setLong(1, revision);
            s.executeUpdate();
            meta.setLong(1, revision);
            meta.executeUpdate();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private static Snapshot describe(Connection c, Path file) throws SQLException {
        requireStore(c, file);
        long keys;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM log WHERE id IN"
                        + " (SELECT MAX(id) FROM log GROUP BY key) AND deleted = 0")) {
            keys = rs.next() ? rs.getLong(1) : 0;
        }
        return new Snapshot(SqliteSchema.highWaterMark(c), keys);
    }

    private static void requireStore(Connection c, Path file) throws SQLException {
        try {
            if (!exists(c, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log'")
                    || !exists(c, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")) {
                throw new StoreException(file + " is not an everynode store (no log and meta tables)");
            }
        } catch (SQLException e) {
            throw new StoreException(file + " is not an everynode store: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }
}

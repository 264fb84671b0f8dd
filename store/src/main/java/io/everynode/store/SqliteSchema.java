package io.everynode.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The on-disk layout: one append-only table {@code log} whose row id is the revision (the kine
 * design), and a one-row-per-name {@code meta} table for the compact revision.
 *
 * <p>{@code AUTOINCREMENT} makes SQLite remember the highest id ever used (in
 * {@code sqlite_sequence}), so revisions never go backwards even when compaction deleted the
 * newest rows (a trailing tombstone, say).
 */
final class SqliteSchema {
    static final String FILE_NAME = "everynode.db";
    static final String COLUMNS = "id, key, created, deleted, create_revision, prev_revision, value, ts";

    private SqliteSchema() {}

    static Connection connect(Path dataDir) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("PRAGMA journal_mode = WAL");
            // FULL: in WAL mode every commit fsyncs the WAL before returning. NORMAL would already
            // survive kill -9 (the committed WAL frames are in the OS page cache), but not a power
            // cut or kernel crash; an acknowledged write is a promise (design: "survives kill -9",
            // etcd fsyncs too), and group commit amortises the fsync over concurrent writers.
            s.execute("PRAGMA synchronous = FULL");
        }
        return c;
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS log ("
                    + " id INTEGER PRIMARY KEY AUTOINCREMENT," // the revision
                    + " key TEXT NOT NULL,"
                    + " created INTEGER NOT NULL,"
                    + " deleted INTEGER NOT NULL,"
                    + " create_revision INTEGER NOT NULL,"
                    + " prev_revision INTEGER NOT NULL,"
                    + " value BLOB,"
                    + " ts INTEGER NOT NULL)"); // commit time, epoch millis, for retention
            s.execute("CREATE INDEX IF NOT EXISTS log_key_id ON log (key, id)");
            s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        }
    }

    /** The highest revision ever assigned, whether or not its row still exists. */
    static long highWaterMark(Connection c) throws SQLException {
        long fromSequence = queryLong(c, "SELECT seq FROM sqlite_sequence WHERE name = 'log'");
        long fromLog = queryLong(c, "SELECT MAX(id) FROM log");
        return Math.max(Math.max(fromSequence, fromLog), compactRevision(c));
    }

    static long compactRevision(Connection c) throws SQLException {
        return queryLong(c, "SELECT value FROM meta WHERE name = 'compact_revision'");
    }

    static Row readRow(ResultSet rs) throws SQLException {
        return new Row(
                rs.getLong(1),
                rs.getString(2),
                rs.getInt(3) != 0,
                rs.getInt(4) != 0,
                rs.getLong(5),
                rs.getLong(6),
                rs.getBytes(7),
                rs.getLong(8));
    }

    private static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}

package io.everynode.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the SQLite log, with group commit.
 *
 * <p>Callers enqueue mutations and wait; one thread takes whatever is queued (up to
 * {@link #MAX_BATCH}), applies each mutation's rules against the log as the transaction sees it
 * (so later mutations of a batch see earlier ones), commits once (one fsync for the batch), then
 * answers the callers and publishes the events. Since this thread is the only writer, revision
 * order is commit order is publish order. A mutation whose precondition fails writes nothing
 * and fails alone; a failed commit fails the whole batch and assigns no revisions.
 */
final class SqliteWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteWriter.class);
    static final int MAX_BATCH = 256;

    private record Pending(Mutation mutation, CompletableFuture<KeyValue> result) {}

    private final Connection connection;
    /** Held while a batch runs; compaction takes it too, to write on the same connection. */
    final ReentrantLock commitLock = new ReentrantLock();

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final LongSupplier clockMillis;
    private final Consumer<List<Row>> onCommit;
    private final Thread thread;
    private final PreparedStatement latestRow;
    private final PreparedStatement insert;
    private volatile long revision;
    private volatile boolean closed;

    /**
     * @param revision the highest revision already assigned
     * @param onCommit called on the writer thread after each commit with the committed rows, in order
     */
    SqliteWriter(Connection connection, long revision, LongSupplier clockMillis, Consumer<List<Row>> onCommit)
            throws SQLException {
        this.connection = connection;
        this.revision = revision;
        this.clockMillis = clockMillis;
        this.onCommit = onCommit;
        connection.setAutoCommit(false);
        this.latestRow = connection.prepareStatement(
                "SELECT " + SqliteSchema.COLUMNS + " FROM log WHERE key = ? ORDER BY id DESC LIMIT 1");
        this.insert = connection.prepareStatement(
                "INSERT INTO log (" + SqliteSchema.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        this.thread = new Thread(this::run, "everynode-sqlite-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The revision of the latest committed write. */
    long revision() {
        return revision;
    }

    Connection connection() {
        return connection;
    }

    /** Applies {@code mutation} durably and returns its result; throws the mutation's StoreException. */
    KeyValue submit(Mutation mutation) {
        if (closed) {
            throw new StoreException("store is closed");
        }
        CompletableFuture<KeyValue> result = new CompletableFuture<>();
        queue.add(new Pending(mutation, result));
        if (closed) {
            failAll(queue);
        }
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("write failed", e.getCause());
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            commitLock.lock();
            try {
                runBatch(batch);
            } catch (RuntimeException e) {
                // Never let the only writer die: fail this batch (futures already completed
                // keep their outcome) and go on with the next.
                StoreException failure = new StoreException("write failed: " + e, e);
                batch.forEach(p -> p.result().completeExceptionally(failure));
            } finally {
                commitLock.unlock();
            }
            batch.clear();
        }
        failAll(queue);
    }

    private void runBatch(List<Pending> batch) {
        long next = revision;
        long now = clockMillis.getAsLong();
        List<Row> rows = new ArrayList<>(batch.size());
        Object[] outcomes = new Object[batch.size()]; // Row or RuntimeException
        try {
            for (int i = 0; i < batch.size(); i++) {
                Mutation mutation = batch.get(i).mutation();
                try {
                    Row row = mutation.apply(latest(mutation.key()), next + 1, now);
                    insert(row);
                    next = row.revision();
                    rows.add(row);
                    outcomes[i] = row;
                } catch (KeyExistsException | KeyNotFoundException | ConflictException e) {
                    outcomes[i] = e; // a refused write: nothing appended, the batch goes on
                }
            }
            if (!rows.isEmpty()) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            StoreException failure = new StoreException("commit failed: " + e.getMessage(), e);
            for (Pending pending : batch) {
                pending.result().completeExceptionally(failure);
            }
            return;
        }
        revision = next;
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            if (outcomes[i] instanceof Row row) {
                pending.result().complete(pending.mutation().result(row));
            } else {
                pending.result().completeExceptionally((RuntimeException) outcomes[i]);
            }
        }
        try {
            onCommit.accept(rows);
        } catch (RuntimeException e) {
            LOG.error("publishing committed writes to watches failed", e);
        }
    }

    private Row latest(String key) throws SQLException {
        latestRow.setString(1, key);
        try (ResultSet rs = latestRow.executeQuery()) {
            return rs.next() ? SqliteSchema.readRow(rs) : null;
        }
    }

    private void insert(Row row) throws SQLException {
        insert.setLong(1, row.revision());
        insert.setString(2, row.key());
        insert.setInt(3, row.created() ? 1 : 0);
        insert.setInt(4, row.deleted() ? 1 : 0);
        insert.setLong(5, row.createRevision());
        insert.setLong(6, row.prevRevision());
        insert.setBytes(7, row.value());
        insert.setLong(8, row.epochMillis());
        insert.executeUpdate();
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is unusable; later batches will report their own failure.
        }
    }

    private static void failAll(BlockingQueue<Pending> queue) {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending pending : left) {
            pending.result().completeExceptionally(new StoreException("store is closed"));
        }
    }

    /** Stops the writer after the batch in progress; queued writes fail with "store is closed". */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(queue);
        try {
            latestRow.close();
            insert.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}

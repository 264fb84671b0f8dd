package io.everynode.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.GetOption;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Moves an etcd cluster's revision forward and marks its history compacted: what etcd 3.5's
 * {@code etcdutl snapshot restore --bump-revision --mark-compacted} does offline, done here online
 * because Debian's etcd is 3.4, which has neither. etcd raises its revision by exactly one per
 * write, so {@link #raiseTo} writes a scratch key ({@link #SCRATCH_KEY}, outside
 * {@code /registry}) that many times, many writes in flight, compacting as it goes so the database
 * does not grow with them, and deletes it at the end. {@link #compactAll} then compacts at the
 * current revision, so every watch or list at an older one gets "compacted" (410 Gone) and relists.
 *
 * <p>Threading: one caller at a time.
 */
public final class EtcdRevisions implements AutoCloseable {
    /** Written by {@link #raiseTo} (after the key prefix), deleted when it is done. */
    public static final String SCRATCH_KEY = "/everynode/revision-floor";

    /** Writes in flight while raising: enough to keep a member's batching busy. */
    private static final int IN_FLIGHT = 256;

    /** How many scratch writes may pile up before they are compacted away. */
    private static final long COMPACT_EVERY = 100_000;

    private final EtcdConfig config;
    private final Client client;
    private final KV kv;
    private final EtcdCalls calls;

    public EtcdRevisions(EtcdConfig config) {
        this.config = config;
        this.client = EtcdClients.build(config);
        this.kv = client.getKVClient();
        this.calls = new EtcdCalls(config);
    }

    /** etcd's current revision. */
    public long current() {
        return calls.await(
                        kv.get(key("/"), GetOption.builder().withCountOnly(true).build()), "reading the revision")
                .getHeader()
                .getRevision();
    }

    /** How many keys start with {@code prefix} (after the configured key prefix). */
    public long count(String prefix) {
        ByteSequence start = key(prefix);
        return calls.await(
                        kv.get(
                                start,
                                GetOption.builder()
                                        .withCountOnly(true)
                                        .isPrefix(true)
                                        .build()),
                        "counting the keys under " + prefix)
                .getCount();
    }

    /**
     * Writes until etcd's revision is at least {@code target}; returns the revision reached.
     *
     * @param progress told the revision reached now and then (every {@link #COMPACT_EVERY} writes)
     */
    public long raiseTo(long target, LongConsumer progress) {
        ByteSequence scratch = key(SCRATCH_KEY);
        ByteSequence value = ByteSequence.from("everynode raises the revision here", UTF_8);
        long reached = current();
        long sinceCompaction = 0;
        while (reached < target) {
            long batch = Math.min(target - reached, COMPACT_EVERY);
            reached = Math.max(reached, writeMany(scratch, value, batch));
            sinceCompaction += batch;
            progress.accept(reached);
            if (sinceCompaction >= COMPACT_EVERY && reached < target) {
                compactAt(reached);
                sinceCompaction = 0;
            }
            reached = Math.max(reached, current());
        }
        if (count(SCRATCH_KEY) > 0) {
            reached = calls.await(kv.delete(scratch), "deleting " + SCRATCH_KEY)
                    .getHeader()
                    .getRevision();
        }
        return reached;
    }

    /**
     * Compacts at the current revision (etcd keeps each key's latest value): every read or watch
     * at an older revision is refused as compacted from now on. Returns that revision.
     */
    public long compactAll() {
        long revision = current();
        compactAt(revision);
        return revision;
    }

    @Override
    public void close() {
        client.close();
    }

    /** {@code count} puts of the scratch key, at most {@link #IN_FLIGHT} at once; the highest revision. */
    private long writeMany(ByteSequence scratch, ByteSequence value, long count) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicLong highest = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            for (long i = 0; i < count && failure.get() == null; i++) {
                slots.acquire();
                kv.put(scratch, value).whenComplete((response, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        highest.accumulateAndGet(response.getHeader().getRevision(), Math::max);
                    }
                    slots.release();
                });
            }
            slots.acquire(IN_FLIGHT); // every write answered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while raising etcd's revision", e);
        }
        if (failure.get() != null) {
            throw calls.translate(failure.get(), "raising the revision");
        }
        return highest.get();
    }

    private void compactAt(long revision) {
        try {
            calls.await(
                    kv.compact(
                            revision,
                            CompactOption.builder().withCompactPhysical(true).build()),
                    "compacting at revision " + revision);
        } catch (EtcdCalls.Compacted e) {
            // Compacted there or later already (etcd refuses to compact twice at one revision).
        }
    }

    private ByteSequence key(String key) {
        return ByteSequence.from(config.keyPrefix() + key, UTF_8);
    }
}

package io.everynode.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The replicated store: the log is etcd's (docs/ha.md "etcd as the store").
 *
 * <p>Revisions are etcd's: a key's {@code mod_revision} is its modRevision, the response header's
 * revision the current one. Every write is one etcd request, conditional ones a transaction on the
 * key's create or mod revision, so a write either commits whole (acknowledged by etcd after a raft
 * majority persisted it) or not at all. Lists at a revision are etcd ranges at that revision;
 * watches are etcd watches from {@code afterRevision + 1} with previous values, delivered through
 * {@link WatchSession} like the embedded stores' ({@link EtcdWatch}).
 *
 * <p>Compaction: etcd keeps no commit times, so {@link RevisionTimes} samples the revisions this
 * client sees and {@link #compact()} applies the {@link Retention} policy to them. etcd does not
 * report its compact revision on a plain read; this store learns it when it opens and whenever
 * etcd says "required revision has been compacted" (another server compacted), by finding the
 * oldest readable revision ({@link EtcdCompaction}), and from compacted watches, which carry it.
 *
 * <p>Threading: thread-safe; requests run concurrently on the client, {@link #compact()} is
 * serialised.
 */
final class EtcdStore implements Store {
    /** How long a health check waits for etcd: upstream's --etcd-healthcheck-timeout default. */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final EtcdConfig config;
    private final Retention retention;
    private final Client client;
    private final KV kv;
    private final EtcdCalls calls;
    private final RevisionTimes times;
    private final WatchHub hub;
    private final EtcdCompaction compaction;
    private final Compactor compactor;
    /** Where broken etcd watches are resumed from (one daemon thread). */
    private final ScheduledExecutorService watchRetries;

    private volatile boolean closed;

    EtcdStore(EtcdConfig config, Retention retention, StoreConfig storeConfig, int maxWatchBacklog) {
        this.config = config;
        this.retention = retention;
        this.client = EtcdClients.build(config);
        this.kv = client.getKVClient();
        this.calls = new EtcdCalls(config);
        this.times = new RevisionTimes(retention.clock());
        this.hub = new WatchHub(maxWatchBacklog);
        this.watchRetries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "everynode-etcd-watch-resume");
            t.setDaemon(true);
            return t;
        });
        try {
            this.compaction = new EtcdCompaction(kv, calls, key("/"), this::currentRevision);
        } catch (RuntimeException e) {
            watchRetries.shutdownNow();
            hub.close();
            client.close();
            throw e;
        }
        this.compactor = new Compactor(this, storeConfig.compactInterval());
    }

    /** What this store puts before every key. */
    String keyPrefix() {
        return config.keyPrefix();
    }

    @Override
    public long currentRevision() {
        checkOpen();
        GetResponse response = calls.await(
                kv.get(key("/"), GetOption.builder().withCountOnly(true).build()), "reading the revision");
        return observed(response.getHeader().getRevision());
    }

    @Override
    public long compactRevision() {
        return compaction.revision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        checkOpen();
        GetResponse response = calls.await(kv.get(key(key)), "reading " + key);
        observed(response.getHeader().getRevision());
        return response.getKvs().stream().findFirst().map(this::keyValue);
    }

    @Override
    public ListResult list(String prefix, long revision) {
        checkOpen();
        compaction.check(revision);
        GetOption.Builder option = rangeOf(prefix, GetOption.builder());
        if (revision > 0) {
            option.withRevision(revision);
        }
        GetResponse response;
        try {
            response = calls.await(kv.get(rangeKey(prefix), option.build()), "listing " + prefix);
        } catch (EtcdCalls.FutureRevision e) {
            // The contract reads a revision beyond the latest as the latest.
            return list(prefix, 0);
        } catch (EtcdCalls.Compacted e) {
            throw compaction.compacted(revision);
        }
        long current = observed(response.getHeader().getRevision());
        List<KeyValue> items = new ArrayList<>(response.getKvs().size());
        for (io.etcd.jetcd.KeyValue entry : response.getKvs()) {
            items.add(keyValue(entry));
        }
        return new ListResult(List.copyOf(items), revision == 0 ? current : revision);
    }

    @Override
    public KeyValue create(String key, byte[] value) {
        checkOpen();
        ByteSequence k = key(key);
        TxnResponse response = calls.await(
                kv.txn()
                        .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                        .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                        .Else(Op.get(k, GetOption.DEFAULT))
                        .commit(),
                "creating " + key);
        long revision = observed(response.getHeader().getRevision());
        if (!response.isSucceeded()) {
            long existing = firstOf(response)
                    .map(io.etcd.jetcd.KeyValue::getModRevision)
                    .orElse(0L);
            throw new KeyExistsException("key " + key + " already exists (modRevision " + existing + ")");
        }
        return new KeyValue(key, value, revision, revision);
    }

    @Override
    public KeyValue update(String key, byte[] value, long expectedModRevision) {
        checkOpen();
        ByteSequence k = key(key);
        // Unconditional: only "the key exists", which a plain put would not check.
        Cmp precondition = expectedModRevision == 0
                ? new Cmp(k, Cmp.Op.GREATER, CmpTarget.createRevision(0))
                : new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision));
        TxnResponse response = calls.await(
                kv.txn()
                        .If(precondition)
                        .Then(Op.put(
                                k,
                                ByteSequence.from(value),
                                PutOption.builder().withPrevKV().build()))
                        .Else(Op.get(k, GetOption.DEFAULT))
                        .commit(),
                "updating " + key);
        long revision = observed(response.getHeader().getRevision());
        if (!response.isSucceeded()) {
            throw preconditionFailed(key, expectedModRevision, firstOf(response));
        }
        long createRevision = response.getPutResponses().get(0).hasPrevKv()
                ? response.getPutResponses().get(0).getPrevKv().getCreateRevision()
                : revision;
        return new KeyValue(key, value, createRevision, revision);
    }

    @Override
    public KeyValue delete(String key, long expectedModRevision) {
        checkOpen();
        ByteSequence k = key(key);
        DeleteOption withPrevious = DeleteOption.builder().withPrevKV(true).build();
        DeleteResponse deleted;
        long revision;
        if (expectedModRevision == 0) {
            deleted = calls.await(kv.delete(k, withPrevious), "deleting " + key);
            revision = observed(deleted.getHeader().getRevision());
        } else {
            TxnResponse response = calls.await(
                    kv.txn()
                            .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
                            .Then(Op.delete(k, withPrevious))
                            .Else(Op.get(k, GetOption.DEFAULT))
                            .commit(),
                    "deleting " + key);
            revision = observed(response.getHeader().getRevision());
            if (!response.isSucceeded()) {
                throw preconditionFailed(key, expectedModRevision, firstOf(response));
            }
            deleted = response.getDeleteResponses().get(0);
        }
        if (deleted.getDeleted() == 0 || deleted.getPrevKvs().isEmpty()) {
            throw new KeyNotFoundException("key " + key + " not found");
        }
        io.etcd.jetcd.KeyValue previous = deleted.getPrevKvs().get(0);
        return new KeyValue(key, previous.getValue().getBytes(), previous.getCreateRevision(), revision);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
        checkOpen();
        compaction.check(afterRevision);
        if (afterRevision > 0) {
            compaction.checkReadable(afterRevision);
        }
        return EtcdWatch.start(
                client.getWatchClient(),
                hub,
                new EtcdWatch.Target(rangeKey(prefix), rangeEnd(prefix), config.keyPrefix(), prefix),
                afterRevision,
                listener,
                compaction,
                watchRetries);
    }

    @Override
    public synchronized long compact() {
        checkOpen();
        long current = currentRevision();
        long known = compaction.revision();
        long target = retention.target(current, times.lastCommittedBy(retention.cutoffMillis()), known);
        if (target <= known) {
            return known;
        }
        try {
            calls.await(
                    kv.compact(
                            target,
                            CompactOption.builder().withCompactPhysical(true).build()),
                    "compacting to revision " + target);
        } catch (EtcdCalls.Compacted e) {
            // Another server compacted further already: learn how far.
            return compaction.relearn();
        }
        compaction.advanceTo(target);
        return target;
    }

    @Override
    public Optional<String> healthCheckName() {
        return Optional.of("etcd");
    }

    /** A linearizable read of one key (as upstream's check reads {@code /health}): it needs a raft quorum. */
    @Override
    public void checkHealth() {
        checkOpen();
        Duration limit =
                HEALTH_TIMEOUT.compareTo(config.requestTimeout()) < 0 ? HEALTH_TIMEOUT : config.requestTimeout();
        calls.await(
                kv.get(key("/health"), GetOption.builder().withCountOnly(true).build()), "checking health", limit);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        compactor.close();
        watchRetries.shutdownNow();
        hub.close();
        client.close();
    }

    private long observed(long revision) {
        times.observed(revision);
        return revision;
    }

    private static RuntimeException preconditionFailed(
            String key, long expectedModRevision, Optional<io.etcd.jetcd.KeyValue> current) {
        if (current.isEmpty()) {
            return new KeyNotFoundException("key " + key + " not found");
        }
        return new ConflictException("key " + key + " has modRevision "
                + current.get().getModRevision() + ", expected " + expectedModRevision);
    }

    private static Optional<io.etcd.jetcd.KeyValue> firstOf(TxnResponse response) {
        return response.getGetResponses().stream()
                .flatMap(r -> r.getKvs().stream())
                .findFirst();
    }

    private KeyValue keyValue(io.etcd.jetcd.KeyValue entry) {
        return new KeyValue(
                unprefixed(config.keyPrefix(), entry.getKey()),
                entry.getValue().getBytes(),
                entry.getCreateRevision(),
                entry.getModRevision());
    }

    static String unprefixed(String keyPrefix, ByteSequence key) {
        return key.toString(UTF_8).substring(keyPrefix.length());
    }

    private ByteSequence key(String key) {
        return ByteSequence.from(config.keyPrefix() + key, UTF_8);
    }

    /** The first key of the range of keys starting with {@code prefix} (etcd's "\0" for every key). */
    private ByteSequence rangeKey(String prefix) {
        String full = config.keyPrefix() + prefix;
        return full.isEmpty() ? ByteSequence.from(new byte[] {0}) : ByteSequence.from(full, UTF_8);
    }

    /** The exclusive end of that range: the prefix with its last byte incremented, or "\0" (no end). */
    private ByteSequence rangeEnd(String prefix) {
        byte[] bytes = (config.keyPrefix() + prefix).getBytes(UTF_8);
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] != (byte) 0xff) {
                byte[] end = java.util.Arrays.copyOf(bytes, i + 1);
                end[i]++;
                return ByteSequence.from(end);
            }
        }
        return ByteSequence.from(new byte[] {0});
    }

    private GetOption.Builder rangeOf(String prefix, GetOption.Builder option) {
        return option.withRange(rangeEnd(prefix));
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException("store is closed");
        }
    }
}

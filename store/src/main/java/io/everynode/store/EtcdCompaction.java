package io.everynode.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.GetOption;
import java.util.function.LongSupplier;

/**
 * What the etcd store knows of etcd's compact revision. etcd names it only in compacted watch
 * responses; a compacted read says just "required revision has been compacted". So the store
 * learns it when it opens and after such an error by a binary search for the oldest revision a
 * read still accepts (about 30 one-key reads at most), and keeps it from its own compactions.
 */
final class EtcdCompaction {
    private final KV kv;
    private final EtcdCalls calls;
    private final ByteSequence probeKey;
    private final LongSupplier currentRevision;
    private volatile long revision;

    EtcdCompaction(KV kv, EtcdCalls calls, ByteSequence probeKey, LongSupplier currentRevision) {
        this.kv = kv;
        this.calls = calls;
        this.probeKey = probeKey;
        this.currentRevision = currentRevision;
        this.revision = relearn();
    }

    /** The oldest readable revision as last learned; 0 when etcd never compacted. */
    long revision() {
        return revision;
    }

    /** Fails fast for a revision older than the known compact revision. */
    void check(long requested) {
        long known = revision;
        if (requested != 0 && requested < known) {
            throw new CompactedException(requested, known);
        }
    }

    /** Asks etcd whether {@code requested} is still readable, learning the compaction if not. */
    void checkReadable(long requested) {
        if (!readable(requested)) {
            throw compacted(requested);
        }
    }

    /** The contract's answer for a read etcd refused as compacted. */
    CompactedException compacted(long requested) {
        return new CompactedException(requested, relearn());
    }

    /** A compacted watch named the revision. */
    void learned(long compactRevision) {
        advanceTo(compactRevision);
    }

    synchronized void advanceTo(long compactRevision) {
        revision = Math.max(revision, compactRevision);
    }

    /** Finds the oldest readable revision (0 when that is the first). */
    synchronized long relearn() {
        long lo = Math.max(1, revision);
        long hi = currentRevision.getAsLong();
        if (hi <= lo) {
            return revision;
        }
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (readable(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        revision = Math.max(revision, lo == 1 ? 0 : lo);
        return revision;
    }

    private boolean readable(long at) {
        try {
            calls.await(
                    kv.get(
                            probeKey,
                            GetOption.builder()
                                    .withRevision(at)
                                    .withCountOnly(true)
                                    .build()),
                    "reading revision " + at);
            return true;
        } catch (EtcdCalls.FutureRevision e) {
            return true;
        } catch (EtcdCalls.Compacted e) {
            return false;
        }
    }
}

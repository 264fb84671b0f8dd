package io.everynode.apiserver.lifecycle;

import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.api.resource.StorageKeys;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.store.ConflictException;
import io.everynode.store.KeyExistsException;
import io.everynode.store.KeyNotFoundException;
import io.everynode.store.KeyValue;
import io.everynode.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time rewrite of a store written before keys followed upstream's layout
 * ({@link StorageKeys}): built-ins were under {@code /registry/<group|core>/<resource>/}, now under
 * upstream's prefix. Run by the API server at every start before anything reads the store; a
 * store marked done ({@link #MARKER} = {@link #VERSION}) costs one read.
 *
 * <p>Contract: every object keeps its value (the same bytes, or for a value that authenticates its
 * key the same object bytes sealed again under the new key: {@link ValueTransformer#moved}), and
 * so its uid; a store restored from an old backup is rewritten at its first start. Each move is a
 * create of the new key then a delete of the old one at the modRevision it was listed with, both
 * compare-and-swap, so a rewrite is safe to repeat after a crash half-way (a new key already there
 * means moved: only the old key goes) and safe when several servers on one etcd start at once (a
 * server that loses a race moves on). One that finds, after creating a new key, the old key gone,
 * lost its race to a server that had moved it and may be serving it already (and so may have
 * deleted it since): it takes its create back. Servers of the former layout must all be stopped
 * before the first server of this one starts (a rolling upgrade across the change is not
 * supported: an old server would keep writing old keys).
 *
 * <p>The agents' usage readings under their former key ({@link #FORMER_NODE_USAGES}) are
 * dropped, not moved: they are minutes old at most, and the next report replaces them.
 */
public final class StoreLayout {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLayout.class);
    /** Outside {@link StorageKeys#ROOT}: no resource's key, and the watch cache does not see it. */
    public static final String MARKER = "/everynode/layout";
    /** Layout 2: upstream's keys. (Layout 1, the former, had no marker.) */
    public static final String VERSION = "2";

    static final String FORMER_NODE_USAGES = "/registry/metrics.k8s.io/nodeusages/";

    /** One step of the plan: an old key and where it goes, or {@code to == null} to drop it. */
    record Move(KeyValue from, String to) {}

    private final Store store;
    private final ValueTransformer atRest;
    /** Former prefix → new prefix (null: dropped) of every built-in whose keys moved. */
    private final Map<String, String> formers;

    public StoreLayout(Store store, ValueTransformer atRest) {
        this(store, atRest, ResourceTypes.all());
    }

    StoreLayout(Store store, ValueTransformer atRest, List<ResourceType> builtIn) {
        this.store = store;
        this.atRest = atRest;
        Map<String, String> f = new LinkedHashMap<>();
        for (ResourceType t : builtIn) {
            if (!t.persisted()) continue;
            String former = StorageKeys.formerPrefix(t.group(), t.resource());
            if (!former.equals(t.keyPrefix())) f.put(former, t.keyPrefix());
        }
        f.put(FORMER_NODE_USAGES, null);
        this.formers = f;
    }

    /**
     * Rewrites the store to the current layout unless it is marked done, then marks it.
     *
     * @return how many objects this call moved (0 when done before, or another server moved them)
     */
    public int ensure() {
        Optional<KeyValue> marker = store.get(MARKER);
        if (marker.isPresent() && VERSION.equals(new String(marker.get().value(), StandardCharsets.UTF_8))) return 0;
        int moved = 0;
        for (Move m : plan(store.list(StorageKeys.ROOT, 0).items())) {
            if (apply(m)) moved++;
        }
        mark(marker);
        LOG.info("store layout {}: moved {} objects to upstream's keys", VERSION, moved);
        return moved;
    }

    /** The moves for the keys of a listing: pure. */
    List<Move> plan(List<KeyValue> listed) {
        List<Move> out = new ArrayList<>();
        for (KeyValue kv : listed) {
            for (Map.Entry<String, String> f : formers.entrySet()) {
                if (kv.key().startsWith(f.getKey())) {
                    String to = f.getValue() == null
                            ? null
                            : f.getValue() + kv.key().substring(f.getKey().length());
                    out.add(new Move(kv, to));
                    break;
                }
            }
        }
        return out;
    }

    /** True when this call created the new key (and it stays). */
    boolean apply(Move m) {
        String from = m.from().key();
        boolean created = false;
        if (m.to() != null) {
            try {
                KeyValue made =
                        store.create(m.to(), atRest.moved(from, m.to(), m.from().value()));
                created = true;
                if (store.get(from)
                        .map(kv -> kv.modRevision() != m.from().modRevision())
                        .orElse(true)) {
                    // another server moved it first and may have served (even deleted) it since
                    deleteQuietly(m.to(), made.modRevision());
                    return false;
                }
            } catch (KeyExistsException movedBefore) {
                // a rewrite that stopped half-way, or another server, created it: only the old key goes
            }
        }
        deleteQuietly(from, m.from().modRevision());
        return created;
    }

    private void deleteQuietly(String key, long modRevision) {
        try {
            store.delete(key, modRevision);
        } catch (KeyNotFoundException | ConflictException raced) {
            // another server deleted (or wrote) it in between: its move stands
        }
    }

    private void mark(Optional<KeyValue> former) {
        byte[] version = VERSION.getBytes(StandardCharsets.UTF_8);
        try {
            if (former.isPresent()) store.update(MARKER, version, former.get().modRevision());
            else store.create(MARKER, version);
        } catch (KeyExistsException | KeyNotFoundException | ConflictException raced) {
            // another server marked it at the same time
        }
    }
}

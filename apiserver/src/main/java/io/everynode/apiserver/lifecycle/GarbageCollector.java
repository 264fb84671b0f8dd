package io.everynode.apiserver.lifecycle;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.crd.ServedTypes;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.registry.DeleteOptions;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.Registry;
import io.everynode.apiserver.registry.Registry.Part;
import io.everynode.apiserver.watch.CacheEvent;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Garbage collection by ownerReferences (R6.8), as upstream's garbage collector does it:
 * <ul>
 *   <li>Background (the default): once an owner is gone, a dependent none of whose owners is
 *       left is deleted; a dependent with a remaining owner only loses the dangling reference.</li>
 *   <li>Foreground: an owner carrying the {@code foregroundDeletion} finalizer has its dependents
 *       deleted (in foreground too); when none is left, the finalizer goes and so does the owner.</li>
 *   <li>Orphan: an owner carrying the {@code orphan} finalizer has its reference removed from every
 *       dependent; then the finalizer goes and so does the owner.</li>
 * </ul>
 * Keys of the loop are owner uids; every pass recomputes from the cache (decide, then act), so
 * a pass is safe to repeat and a restart resumes where it stopped.
 */
public final class GarbageCollector implements AutoCloseable {
    private final Registry registry;
    private final ServedTypes types;
    private final Loop loop;
    private final OwnerIndex index = new OwnerIndex();

    public GarbageCollector(Registry registry, ServedTypes types) {
        this.registry = registry;
        this.types = types;
        this.loop = new Loop("garbage-collector", this::sync);
    }

    public void start() {
        AutoCloseable subscription = registry.cache().subscribe(registry.cache().revision(), this::onEvent);
        // Resume after a restart: owners mid-deletion, and dependents whose owners are gone.
        for (ObjectNode o : all()) index.seed(o);
        index.seeded();
        for (ObjectNode o : index.all()) {
            if (Meta.deleting(o) && hasGcFinalizer(o)) loop.enqueue(Meta.uid(o));
            for (ObjectNode ref : Meta.ownerReferences(o)) {
                String uid = Json.text(ref, "uid");
                if (uid != null && !index.live(uid)) loop.enqueue(uid);
            }
        }
        loop.start(subscription);
    }

    private void onEvent(CacheEvent e) {
        index.apply(e); // before any enqueue: a pass must see at least this event
        ObjectNode o = e.object();
        if (e.type() == CacheEvent.Type.DELETED) {
            loop.enqueue(Meta.uid(o));
        } else if (Meta.deleting(o) && hasGcFinalizer(o)) {
            loop.enqueue(Meta.uid(o));
        }
        // A dependent that changed or went away may unblock an owner's foreground deletion, and a
        // dependent created after its owner vanished must be collected.
        for (ObjectNode ref : Meta.ownerReferences(o)) {
            String uid = Json.text(ref, "uid");
            if (uid != null) loop.enqueue(uid);
        }
    }

    private static boolean hasGcFinalizer(JsonNode o) {
        List<String> f = Meta.finalizers(o);
        return f.contains("foregroundDeletion") || f.contains("orphan");
    }

    /** Reconciles the dependents of the owner with this uid. */
    void sync(String ownerUid) {
        ObjectNode owner = index.get(ownerUid);
        // A live owner not being deleted has nothing to collect: the common case (every write to a
        // pod enqueues its DaemonSet), so it costs one lookup.
        if (owner != null && !Meta.deleting(owner)) return;
        List<ObjectNode> dependents = index.dependentsOf(ownerUid);
        if (owner == null) {
            for (ObjectNode d : dependents) {
                boolean otherOwnerLeft = Meta.ownerReferences(d).stream()
                        .map(r -> Json.text(r, "uid"))
                        .anyMatch(u -> u != null && !u.equals(ownerUid) && index.live(u));
                if (otherOwnerLeft) removeReference(d, ownerUid);
                else delete(d, "Background");
            }
            return;
        }
        List<String> finalizers = Meta.finalizers(owner);
        if (finalizers.contains("orphan")) {
            // Each removal is a write that succeeded (or threw, and the key is retried), so the
            // finalizer may go now. Re-reading the dependents here would see the watch cache
            // before it caught up with those writes, and their MODIFIED events no longer name
            // this owner, so nothing would ever enqueue it again.
            for (ObjectNode d : dependents) removeReference(d, ownerUid);
            removeFinalizer(owner, "orphan");
        } else if (finalizers.contains("foregroundDeletion")) {
            boolean blocked = false;
            for (ObjectNode d : dependents) {
                if (!Meta.deleting(d)) delete(d, "Foreground");
                blocked |= blocksOwner(d, ownerUid);
            }
            if (!blocked) removeFinalizer(owner, "foregroundDeletion");
        }
    }

    private static boolean blocksOwner(JsonNode dependent, String ownerUid) {
        for (ObjectNode ref : Meta.ownerReferences(dependent)) {
            if (ownerUid.equals(Json.text(ref, "uid"))
                    && ref.path("blockOwnerDeletion").asBoolean(false)) return true;
        }
        return false;
    }

    private List<ObjectNode> all() {
        List<ObjectNode> out = new ArrayList<>();
        for (ResourceType t : types.stored()) out.addAll(registry.cache().list(t, t.keyPrefix()));
        return out;
    }

    private void delete(ObjectNode d, String policy) {
        ResourceType type = types.ofObject(d).orElseThrow();
        try {
            registry.delete(
                    type, Meta.namespace(d), Meta.name(d), new DeleteOptions(null, policy, Meta.uid(d), null, false));
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) throw e;
        }
    }

    private void removeReference(ObjectNode d, String ownerUid) {
        ResourceType type = types.ofObject(d).orElseThrow();
        try {
            registry.patch(
                    type,
                    Meta.namespace(d),
                    Meta.name(d),
                    cur -> {
                        ObjectNode meta = Meta.of(cur);
                        ArrayNode kept = Json.array();
                        for (ObjectNode ref : Meta.ownerReferences(cur))
                            if (!ownerUid.equals(Json.text(ref, "uid"))) kept.add(ref);
                        if (kept.isEmpty()) meta.remove("ownerReferences");
                        else meta.set("ownerReferences", kept);
                        return cur;
                    },
                    Part.MAIN,
                    false);
        } catch (ApiException e) {
            if (e.code() != 404) throw e;
        }
    }

    private void removeFinalizer(ObjectNode owner, String finalizer) {
        ResourceType type = types.ofObject(owner).orElseThrow();
        try {
            registry.patch(
                    type,
                    Meta.namespace(owner),
                    Meta.name(owner),
                    cur -> {
                        List<String> f = new ArrayList<>(Meta.finalizers(cur));
                        f.remove(finalizer);
                        Meta.setFinalizers(cur, f);
                        return cur;
                    },
                    Part.MAIN,
                    false);
        } catch (ApiException e) {
            if (e.code() != 404) throw e;
        }
    }

    @Override
    public void close() {
        loop.close();
    }
}

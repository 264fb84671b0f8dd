package io.everynode.apiserver.lifecycle;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.crd.CrdStatus;
import io.everynode.apiserver.crd.CrdStrategy;
import io.everynode.apiserver.crd.CustomVersion;
import io.everynode.apiserver.crd.ServedTypes;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.registry.DeleteOptions;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.Registry;
import io.everynode.apiserver.registry.Registry.Part;
import io.everynode.apiserver.watch.CacheEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * CustomResourceDefinitions inside the API server, as upstream's naming, establishing and
 * finalizer controllers: a definition whose names conflict with no other definition of its group
 * gets NamesAccepted and Established (and its storage version in storedVersions), and its served
 * versions join the {@link ServedTypes} before Established is written; a deleted definition's
 * custom resources are deleted, then its cleanup finalizer goes, and when the definition is gone
 * its versions stop being served. Keys are definition names; a pass is safe to repeat.
 */
public final class CrdLifecycle implements AutoCloseable {
    private static final ResourceType CRDS = ResourceTypes.CUSTOM_RESOURCE_DEFINITIONS;

    private final Registry registry;
    private final ServedTypes types;
    private final Clock clock;
    private final Loop loop;

    public CrdLifecycle(Registry registry, ServedTypes types, Clock clock) {
        this.registry = registry;
        this.types = types;
        this.clock = clock;
        this.loop = new Loop("crd-lifecycle", this::sync);
    }

    /** Serves every Established definition before returning, then follows changes. */
    public void start() {
        AutoCloseable subscription = registry.cache().subscribe(registry.cache().revision(), this::onEvent);
        for (ObjectNode crd : definitions()) {
            try {
                sync(Meta.name(crd));
            } catch (RuntimeException e) {
                loop.enqueue(Meta.name(crd));
            }
        }
        loop.start(subscription);
    }

    private void onEvent(CacheEvent e) {
        if (e.resource() == null) return;
        if (e.resource().equals(CRDS)) {
            loop.enqueue(Meta.name(e.object()));
            // A definition that went away may free names another one of its group asked for.
            if (e.type() == CacheEvent.Type.DELETED) for (ObjectNode crd : definitions()) loop.enqueue(Meta.name(crd));
        } else if (e.type() == CacheEvent.Type.DELETED && !ResourceTypes.all().contains(e.resource())) {
            loop.enqueue(e.resource().qualifiedResource());
        }
    }

    void sync(String name) {
        ObjectNode crd = registry.cache().get(CRDS, CRDS.key(null, name));
        if (crd == null) {
            types.stopServing(name);
            return;
        }
        if (Meta.deleting(crd)) {
            cleanUp(crd);
            return;
        }
        ObjectNode next = crd.deepCopy();
        CrdStatus.update(next, others(crd), clock.instant());
        if (CrdStatus.established(next)) types.serve(name, CrdStatus.versions(next));
        if (Json.same(next, crd)) return;
        try {
            registry.patch(
                    CRDS,
                    null,
                    name,
                    cur -> {
                        CrdStatus.update(cur, others(cur), clock.instant());
                        return cur;
                    },
                    Part.STATUS,
                    false);
        } catch (ApiException e) {
            if (e.code() != 404) throw e;
        }
    }

    /** Deletes the definition's custom resources; once none is left, lets the definition go. */
    private void cleanUp(ObjectNode crd) {
        String name = Meta.name(crd);
        List<CustomVersion> versions = types.versionsOf(name);
        if (!versions.isEmpty()) {
            ResourceType storage = versions.get(0).storage();
            List<ObjectNode> left = new ArrayList<>(registry.cache().list(storage, storage.keyPrefix()));
            for (ObjectNode o : left) {
                if (Meta.deleting(o)) continue;
                try {
                    registry.delete(
                            storage,
                            Meta.namespace(o),
                            Meta.name(o),
                            new DeleteOptions(null, "Background", null, null, false));
                } catch (ApiException e) {
                    if (e.code() != 404) throw e;
                }
            }
            if (!left.isEmpty()) return; // their deletions enqueue this definition again
        }
        if (!Meta.finalizers(crd).contains(CrdStrategy.CLEANUP)) return;
        try {
            registry.patch(
                    CRDS,
                    null,
                    name,
                    cur -> {
                        List<String> f = new ArrayList<>(Meta.finalizers(cur));
                        f.remove(CrdStrategy.CLEANUP);
                        Meta.setFinalizers(cur, f);
                        return cur;
                    },
                    Part.MAIN,
                    false);
        } catch (ApiException e) {
            if (e.code() != 404) throw e;
        }
    }

    private Collection<ObjectNode> definitions() {
        return registry.cache().list(CRDS, CRDS.keyPrefix());
    }

    private List<ObjectNode> others(ObjectNode crd) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : definitions()) if (!Meta.name(o).equals(Meta.name(crd))) out.add(o);
        return out;
    }

    @Override
    public void close() {
        loop.close();
    }
}

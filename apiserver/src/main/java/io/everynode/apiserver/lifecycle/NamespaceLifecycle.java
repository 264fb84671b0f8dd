package io.everynode.apiserver.lifecycle;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.crd.ServedTypes;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.registry.DeleteOptions;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.Registry;
import io.everynode.apiserver.registry.Registry.Part;
import io.everynode.apiserver.watch.CacheEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Namespace termination, as upstream's namespace controller does it: a deleted namespace is
 * Terminating (creates in it are refused by the registry), its contents are deleted, and once
 * nothing is left its {@code kubernetes} finalizer is removed, which lets the namespace go.
 * Keys are namespace names; a pass is safe to repeat.
 *
 * <p>Contents are deleted only once the namespace has been Terminating for a grace period
 * (upstream's namespaceDeletionGracePeriod, 5 s): {@code kubectl delete -f} of a file that lists
 * a Namespace before its contents deletes the namespace first and each object after it, and
 * would find them gone (NotFound, exit 1) if the namespace were emptied at once.
 */
public final class NamespaceLifecycle implements AutoCloseable {
    /** Upstream's namespaceDeletionGracePeriod. */
    public static final Duration DELETION_GRACE = Duration.ofSeconds(5);

    private final Registry registry;
    private final ServedTypes types;
    private final Loop loop;
    private final Clock clock;
    private final Duration grace;

    public NamespaceLifecycle(Registry registry, ServedTypes types, Clock clock, Duration grace) {
        this.registry = registry;
        this.types = types;
        this.clock = clock;
        this.grace = grace;
        this.loop = new Loop("namespace-lifecycle", this::sync, clock);
    }

    public void start() {
        AutoCloseable subscription = registry.cache().subscribe(registry.cache().revision(), this::onEvent);
        for (ObjectNode ns : registry.cache().list(ResourceTypes.NAMESPACES, ResourceTypes.NAMESPACES.keyPrefix())) {
            if (Meta.deleting(ns)) loop.enqueue(Meta.name(ns));
        }
        loop.start(subscription);
    }

    private void onEvent(CacheEvent e) {
        if (e.resource() == ResourceTypes.NAMESPACES) {
            if (e.type() != CacheEvent.Type.DELETED && Meta.deleting(e.object())) loop.enqueue(Meta.name(e.object()));
        } else if (e.type() == CacheEvent.Type.DELETED && Meta.namespace(e.object()) != null) {
            ObjectNode ns = registry.cache()
                    .get(ResourceTypes.NAMESPACES, ResourceTypes.NAMESPACES.key(null, Meta.namespace(e.object())));
            if (ns != null && Meta.deleting(ns)) loop.enqueue(Meta.name(ns));
        }
    }

    void sync(String name) {
        ObjectNode ns = registry.cache().get(ResourceTypes.NAMESPACES, ResourceTypes.NAMESPACES.key(null, name));
        if (ns == null || !Meta.deleting(ns)) return;
        Instant due = Instant.parse(Json.text(ns.path("metadata"), "deletionTimestamp"))
                .plus(grace);
        if (clock.instant().isBefore(due)) {
            loop.enqueueAt(name, due);
            return;
        }
        List<ObjectNode> left = new ArrayList<>();
        for (ResourceType t : types.stored()) {
            if (t.namespaced()) left.addAll(registry.cache().list(t, t.listPrefix(name)));
        }
        for (ObjectNode o : left) {
            if (Meta.deleting(o)) continue;
            ResourceType t = types.ofObject(o).orElseThrow();
            try {
                registry.delete(t, name, Meta.name(o), new DeleteOptions(null, "Background", null, null, false));
            } catch (ApiException e) {
                if (e.code() != 404) throw e;
            }
        }
        if (!left.isEmpty()) return;
        try {
            registry.patch(
                    ResourceTypes.NAMESPACES,
                    null,
                    name,
                    cur -> {
                        Json.child(cur, "spec").putArray("finalizers");
                        return cur;
                    },
                    Part.STATUS,
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

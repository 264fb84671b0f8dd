package io.everynode.apiserver.auth.rbac;

import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.watch.CacheEvent;
import io.everynode.apiserver.watch.ObjectCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * RoleBindings and ClusterRoleBindings by subject, kept from the watch cache, so that deciding
 * on a request reads only the bindings that name its user or one of its groups.
 *
 * <p>The index may hold a key too many for a moment (a binding changed while the index was
 * being filled): {@link #bindings} reads each binding back from the cache and callers match its
 * subjects again, so a stale key never grants anything. It never misses a binding the cache
 * holds, since it subscribes before it lists.
 */
final class BindingIndex implements AutoCloseable {
    private final ObjectCache cache;
    /** "NAMESPACE\0SUBJECT" ("" namespace: ClusterRoleBindings) to the store keys of bindings. */
    private final Map<String, Set<String>> bySubject = new ConcurrentHashMap<>();

    private final AutoCloseable subscription;

    BindingIndex(ObjectCache cache) {
        this.cache = cache;
        ObjectCache.Snapshot s = cache.snapshotAndSubscribe(
                ResourceTypes.CLUSTER_ROLE_BINDINGS, ResourceTypes.CLUSTER_ROLE_BINDINGS.keyPrefix(), this::onEvent);
        this.subscription = s.subscription();
        for (ObjectNode b : s.items()) add(ResourceTypes.CLUSTER_ROLE_BINDINGS, b);
        for (ObjectNode b : cache.list(ResourceTypes.ROLE_BINDINGS, ResourceTypes.ROLE_BINDINGS.keyPrefix())) {
            add(ResourceTypes.ROLE_BINDINGS, b);
        }
    }

    /** A binding of one kind, as stored. */
    record Binding(ResourceType type, ObjectNode object) {
        String namespace() {
            return object.path("metadata").path("namespace").asString("");
        }

        String name() {
            return object.path("metadata").path("name").asString("");
        }
    }

    /**
     * The bindings that may apply to {@code user}: every ClusterRoleBinding naming it, and, when
     * {@code namespace} is not empty, the RoleBindings in that namespace naming it.
     */
    List<Binding> bindings(UserInfo user, String namespace) {
        List<Binding> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (String subject : Subjects.keysOf(user)) {
            collect(ResourceTypes.CLUSTER_ROLE_BINDINGS, "", subject, seen, out);
            if (!namespace.isEmpty()) collect(ResourceTypes.ROLE_BINDINGS, namespace, subject, seen, out);
        }
        return out;
    }

    private void collect(ResourceType type, String namespace, String subject, Set<String> seen, List<Binding> out) {
        Set<String> keys = bySubject.get(namespace + '\0' + subject);
        if (keys == null) return;
        for (String key : keys) {
            if (!seen.add(key)) continue;
            ObjectNode b = cache.get(type, key);
            if (b != null) out.add(new Binding(type, b));
        }
    }

    private void onEvent(CacheEvent e) {
        ResourceType t = e.resource();
        if (!ResourceTypes.CLUSTER_ROLE_BINDINGS.equals(t) && !ResourceTypes.ROLE_BINDINGS.equals(t)) return;
        if (e.previous() != null) remove(t, e.previous());
        if (e.type() != CacheEvent.Type.DELETED) add(t, e.object());
    }

    private void add(ResourceType type, ObjectNode b) {
        String ns = type.namespaced() ? b.path("metadata").path("namespace").asString("") : "";
        String key = type.key(ns, b.path("metadata").path("name").asString(""));
        for (String subject : Subjects.keys(b, ns)) {
            bySubject
                    .computeIfAbsent(ns + '\0' + subject, k -> ConcurrentHashMap.newKeySet())
                    .add(key);
        }
    }

    private void remove(ResourceType type, ObjectNode b) {
        String ns = type.namespaced() ? b.path("metadata").path("namespace").asString("") : "";
        String key = type.key(ns, b.path("metadata").path("name").asString(""));
        for (String subject : Subjects.keys(b, ns)) {
            Set<String> keys = bySubject.get(ns + '\0' + subject);
            if (keys != null) keys.remove(key);
        }
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

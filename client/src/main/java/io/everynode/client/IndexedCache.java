package io.everynode.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The objects an informer holds, by key, with secondary indices kept in step on every change.
 * All methods synchronise on the cache; index functions run under that lock, so they must be
 * pure and quick.
 */
final class IndexedCache<T extends HasMetadata> implements Lister<T> {
    private final Map<String, T> items = new HashMap<>();
    private final Map<String, Function<T, Collection<String>>> indexers = new LinkedHashMap<>();
    /** index name → indexed value → keys */
    private final Map<String, Map<String, Set<String>>> indices = new HashMap<>();

    IndexedCache() {
        addIndex(NAMESPACE_INDEX, o -> {
            String ns = o.getMetadata().getNamespace();
            return ns == null ? List.of() : List.of(ns);
        });
    }

    /** Adds an index and fills it from what the cache already holds. */
    synchronized void addIndex(String name, Function<T, Collection<String>> fn) {
        if (indexers.containsKey(name)) throw new IllegalArgumentException("index " + name + " already exists");
        indexers.put(name, fn);
        Map<String, Set<String>> index = new HashMap<>();
        indices.put(name, index);
        for (Map.Entry<String, T> e : items.entrySet()) addTo(index, fn, e.getKey(), e.getValue());
    }

    /** Stores the object under its key; answers the object it replaced, or null. */
    synchronized T put(T obj) {
        String key = Lister.key(obj);
        T old = items.put(key, obj);
        for (Map.Entry<String, Function<T, Collection<String>>> ix : indexers.entrySet()) {
            Map<String, Set<String>> index = indices.get(ix.getKey());
            if (old != null) removeFrom(index, ix.getValue(), key, old);
            addTo(index, ix.getValue(), key, obj);
        }
        return old;
    }

    /** Removes the object under {@code key}; answers it, or null when absent. */
    synchronized T remove(String key) {
        T old = items.remove(key);
        if (old == null) return null;
        for (Map.Entry<String, Function<T, Collection<String>>> ix : indexers.entrySet()) {
            removeFrom(indices.get(ix.getKey()), ix.getValue(), key, old);
        }
        return old;
    }

    synchronized Set<String> keys() {
        return new HashSet<>(items.keySet());
    }

    @Override
    public synchronized Optional<T> get(String key) {
        return Optional.ofNullable(items.get(key));
    }

    @Override
    public synchronized List<T> list() {
        return new ArrayList<>(items.values());
    }

    @Override
    public synchronized List<T> byIndex(String indexName, String value) {
        Map<String, Set<String>> index = indices.get(indexName);
        if (index == null) throw new IllegalArgumentException("no index named " + indexName);
        Set<String> keys = index.getOrDefault(value, Set.of());
        List<T> out = new ArrayList<>(keys.size());
        for (String k : keys) out.add(items.get(k));
        return out;
    }

    private void addTo(Map<String, Set<String>> index, Function<T, Collection<String>> fn, String key, T obj) {
        for (String v : values(fn, obj))
            index.computeIfAbsent(v, x -> new HashSet<>()).add(key);
    }

    private void removeFrom(Map<String, Set<String>> index, Function<T, Collection<String>> fn, String key, T obj) {
        for (String v : values(fn, obj)) {
            Set<String> keys = index.get(v);
            if (keys == null) continue;
            keys.remove(key);
            if (keys.isEmpty()) index.remove(v);
        }
    }

    private Collection<String> values(Function<T, Collection<String>> fn, T obj) {
        Collection<String> v = fn.apply(obj);
        return v == null ? List.of() : v;
    }
}

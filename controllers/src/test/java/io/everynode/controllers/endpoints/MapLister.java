package io.everynode.controllers.endpoints;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link Lister} over a map the test fills, standing in for an informer's cache. */
public final class MapLister<T extends HasMetadata> implements Lister<T> {
    private final Map<String, T> objects = new TreeMap<>();

    @SafeVarargs
    public static <T extends HasMetadata> MapLister<T> of(T... items) {
        MapLister<T> l = new MapLister<>();
        for (T t : items) l.put(t);
        return l;
    }

    public void put(T object) {
        objects.put(Lister.key(object), object);
    }

    public void remove(T object) {
        objects.remove(Lister.key(object));
    }

    @Override
    public Optional<T> get(String key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public List<T> list() {
        return new ArrayList<>(objects.values());
    }

    @Override
    public List<T> byIndex(String indexName, String value) {
        if (!indexName.equals(NAMESPACE_INDEX)) throw new IllegalArgumentException("no index " + indexName);
        return objects.values().stream()
                .filter(o -> value.equals(o.getMetadata().getNamespace()))
                .toList();
    }
}

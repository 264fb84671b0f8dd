package io.everynode.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * Read access to an {@link Informer}'s cache. Thread-safe; answers reflect the events handled so
 * far. The objects are shared with other readers: copy before modifying.
 */
public interface Lister<T> {

    /** The index every informer keeps: objects by {@code metadata.namespace}. */
    String NAMESPACE_INDEX = "namespace";

    /** By key: {@code namespace/name}, or {@code name} for cluster-scoped objects. */
    Optional<T> get(String key);

    default Optional<T> get(String namespace, String name) {
        return get(key(namespace, name));
    }

    List<T> list();

    /** The objects of one namespace. */
    default List<T> list(String namespace) {
        return byIndex(NAMESPACE_INDEX, namespace);
    }

    /** The objects whose index function yielded {@code value} under {@code indexName}. */
    List<T> byIndex(String indexName, String value);

    /** The cache key of an object, as client-go's MetaNamespaceKeyFunc makes it. */
    static String key(HasMetadata object) {
        return key(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    static String key(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }
}

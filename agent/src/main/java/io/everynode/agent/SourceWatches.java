package io.everynode.agent;

import io.everynode.client.ApiError;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * The ConfigMaps and Secrets a host's pods name, each followed on its own, as the kubelet's
 * Watch strategy does: the first lookup of an object opens an informer on that one object (a
 * {@code metadata.name} field selector in its namespace) with the client of the node whose pod
 * asked, which is what the Node authorizer lets a node list and watch; until it has listed, a
 * lookup is a plain get as that node. A change to the object calls {@code onChange} with its
 * source key ({@link PodSources#configMapKey}, {@link PodSources#secretKey}).
 *
 * <p>{@link #retain} closes the informers no pod of their node names any more (the node lost
 * the right to read them with its last such pod). Thread-safe.
 */
final class SourceWatches implements AutoCloseable {
    /** One followed object: its informer and the node whose identity it reads with. */
    private record Watched(Informer<?> informer, String node) {}

    private final NodeClients clients;
    private final Consumer<String> onChange;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private volatile boolean closed;

    SourceWatches(NodeClients clients, Consumer<String> onChange) {
        this.clients = clients;
        this.onChange = onChange;
    }

    /** What node {@code node}'s pods read ConfigMaps and Secrets through. */
    ConfigLookup lookup(String node) {
        return new ConfigLookup() {
            @Override
            public Optional<ConfigMap> configMap(String namespace, String name) {
                return find(node, ConfigMap.class, namespace, name, PodSources.configMapKey(namespace, name));
            }

            @Override
            public Optional<Secret> secret(String namespace, String name) {
                return find(node, Secret.class, namespace, name, PodSources.secretKey(namespace, name));
            }
        };
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> Optional<T> find(
            String node, Class<T> kind, String namespace, String name, String key) {
        KubeClient client = clients.forNode(node);
        Watched w = closed ? null : watched.computeIfAbsent(key, k -> follow(client, node, kind, namespace, name, k));
        if (w != null && w.informer().hasSynced())
            return ((Informer<T>) w.informer()).lister().get(namespace, name);
        try {
            return Optional.of(client.get(kind, namespace, name));
        } catch (ApiError e) {
            if (e.isNotFound()) return Optional.empty();
            throw e;
        }
    }

    private <T extends HasMetadata> Watched follow(
            KubeClient client, String node, Class<T> kind, String namespace, String name, String key) {
        Informer<T> informer = new Informer<>(
                client,
                kind,
                namespace,
                new ListOptionsBuilder()
                        .withFieldSelector("metadata.name=" + name)
                        .build());
        informer.onAnyChange(o -> onChange.accept(key));
        informer.start();
        return new Watched(informer, node);
    }

    /** Closes the informers of objects that {@code named} (node, source key) says their node's pods no longer name. */
    void retain(BiPredicate<String, String> named) {
        for (Map.Entry<String, Watched> e : watched.entrySet()) {
            if (!named.test(e.getValue().node(), e.getKey()) && watched.remove(e.getKey(), e.getValue()))
                e.getValue().informer().close();
        }
    }

    /** How many objects are followed (for tests). */
    int size() {
        return watched.size();
    }

    @Override
    public void close() {
        closed = true;
        for (Watched w : watched.values()) w.informer().close();
        watched.clear();
    }
}

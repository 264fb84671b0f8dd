package io.everynode.controllers.daemonset;

import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedView;
import io.everynode.client.Informer;
import io.everynode.client.Lister;
import io.everynode.client.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * E7.3: the Advanced DaemonSets' informer as the DaemonSet controller reads it, every object
 * through its apps/v1 view ({@link AdvancedView#of}). A view is made once per resourceVersion and
 * kept until the next one (pod events look up every DaemonSet of a namespace). Thread-safe.
 */
final class AdvancedDaemonSets implements Lister<DaemonSet> {
    private record Cached(String resourceVersion, DaemonSet view) {}

    private final Lister<AdvancedDaemonSet> objects;
    private final Map<String, Cached> views = new ConcurrentHashMap<>();

    AdvancedDaemonSets(Lister<AdvancedDaemonSet> objects) {
        this.objects = objects;
    }

    /** Handlers of views: the runner's, as it registers them on an apps/v1 informer. */
    void addEventHandler(Informer<AdvancedDaemonSet> informer, ResourceEventHandler<DaemonSet> handler) {
        informer.addEventHandler(ResourceEventHandler.of(
                a -> handler.onAdd(view(a)), (o, n) -> handler.onUpdate(view(o), view(n)), a -> {
                    handler.onDelete(view(a));
                    views.remove(Lister.key(a));
                }));
    }

    @Override
    public Optional<DaemonSet> get(String key) {
        return objects.get(key).map(this::view);
    }

    @Override
    public List<DaemonSet> list() {
        return objects.list().stream().map(this::view).toList();
    }

    @Override
    public List<DaemonSet> byIndex(String indexName, String value) {
        return objects.byIndex(indexName, value).stream().map(this::view).toList();
    }

    private DaemonSet view(AdvancedDaemonSet a) {
        String key = Lister.key(a);
        String rv = a.getMetadata().getResourceVersion();
        Cached c = views.get(key);
        if (c != null && rv != null && Objects.equals(c.resourceVersion(), rv)) return c.view();
        DaemonSet view = AdvancedView.of(a);
        if (rv != null) views.put(key, new Cached(rv, view));
        return view;
    }
}

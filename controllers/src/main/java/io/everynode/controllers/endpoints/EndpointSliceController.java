package io.everynode.controllers.endpoints;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EndpointSlice controller's sync of one Service key ({@code namespace/name}), from the
 * caches: plans with {@link SlicePlanner} and carries the plan out, creates first, then updates,
 * then deletes. A Service gone needs nothing (its slices go with it by their owner reference); a
 * Service without a selector is left alone. While the cache has not caught up with this
 * controller's last writes for the Service ({@link SliceWrites}), the sync waits and asks to run again.
 *
 * <p>Threading: not thread-safe; one worker calls {@link #sync}.
 */
public final class EndpointSliceController {
    private final Lister<Service> services;
    private final Lister<Pod> pods;
    private final Lister<EndpointSlice> slices;
    private final Lister<Node> nodes;
    private final EndpointSliceActions actions;
    private final SliceWrites writes;
    private final int maxPerSlice;

    public EndpointSliceController(
            Lister<Service> services,
            Lister<Pod> pods,
            Lister<EndpointSlice> slices,
            Lister<Node> nodes,
            EndpointSliceActions actions,
            Clock clock,
            int maxPerSlice) {
        this.services = services;
        this.pods = pods;
        this.slices = slices;
        this.nodes = nodes;
        this.actions = actions;
        this.writes = new SliceWrites(clock);
        this.maxPerSlice = maxPerSlice;
    }

    /** Returns false when the sync waited for the cache and should run again shortly. */
    public boolean sync(String key) {
        Optional<Service> service = services.get(key);
        if (service.isEmpty()) {
            writes.forget(key);
            return true;
        }
        Service s = service.get();
        String namespace = s.getMetadata().getNamespace();
        if (!ServiceSelection.hasSelector(s)) return true;
        if (!writes.caughtUp(key, namespace, slices)) return false;
        SlicePlan plan = SlicePlanner.plan(s, ServiceSelection.podsOf(s, pods), managed(s), maxPerSlice, this::zoneOf);
        for (EndpointSlice c : plan.create()) writes.wrote(key, actions.create(c));
        for (EndpointSlice u : plan.update()) writes.wrote(key, actions.update(u));
        for (EndpointSlice d : plan.delete()) {
            actions.delete(d);
            writes.deleted(key, d);
        }
        return true;
    }

    /** The cached node's zone label; null for a node without one, or not in the cache. */
    private String zoneOf(String node) {
        return nodes.get(node)
                .map(n -> n.getMetadata().getLabels() == null
                        ? null
                        : n.getMetadata().getLabels().get(SlicePlanner.ZONE_LABEL))
                .orElse(null);
    }

    /** The cached slices of the Service's namespace that this controller manages for it. */
    private List<EndpointSlice> managed(Service s) {
        return slices.list(s.getMetadata().getNamespace()).stream()
                .filter(sl -> {
                    Map<String, String> l = sl.getMetadata().getLabels();
                    return l != null
                            && s.getMetadata().getName().equals(l.get(SlicePlanner.SERVICE_NAME_LABEL))
                            && SlicePlanner.MANAGED_BY.equals(l.get(SlicePlanner.MANAGED_BY_LABEL));
                })
                .toList();
    }

    /** The Service key a slice reports to: its namespace and {@link SlicePlanner#SERVICE_NAME_LABEL}, if managed here. */
    static Optional<String> serviceKeyOf(EndpointSlice slice) {
        Map<String, String> l = slice.getMetadata().getLabels();
        if (l == null || !SlicePlanner.MANAGED_BY.equals(l.get(SlicePlanner.MANAGED_BY_LABEL))) return Optional.empty();
        String svc = l.get(SlicePlanner.SERVICE_NAME_LABEL);
        return svc == null ? Optional.empty() : Optional.of(slice.getMetadata().getNamespace() + "/" + svc);
    }
}

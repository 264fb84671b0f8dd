package io.everynode.controllers.endpoints;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Optional;

/**
 * The Endpoints controller's sync of one Service key ({@code namespace/name}), from the caches:
 * a Service gone takes its Endpoints with it; a Service without a selector is left alone (its
 * Endpoints are its user's); otherwise the Endpoints object is created, or updated when it differs
 * from {@link EndpointsPlanner#desired}. Safe to repeat: a sync that finds the object as planned
 * writes nothing.
 *
 * <p>Threading: not thread-safe; one worker calls {@link #sync}.
 */
public final class EndpointsController {
    private final Lister<Service> services;
    private final Lister<Pod> pods;
    private final Lister<Endpoints> endpoints;
    private final EndpointsActions actions;

    public EndpointsController(
            Lister<Service> services, Lister<Pod> pods, Lister<Endpoints> endpoints, EndpointsActions actions) {
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
        this.actions = actions;
    }

    public void sync(String key) {
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        Optional<Service> service = services.get(key);
        Optional<Endpoints> current = endpoints.get(key);
        if (service.isEmpty()) {
            if (current.isPresent()) actions.delete(namespace, name);
            return;
        }
        Service s = service.get();
        if (!ServiceSelection.hasSelector(s)) return;
        Endpoints desired = EndpointsPlanner.desired(s, ServiceSelection.podsOf(s, pods));
        if (current.isEmpty()) {
            actions.create(desired);
        } else if (!EndpointsPlanner.upToDate(current.get(), desired)) {
            actions.update(EndpointsPlanner.merged(current.get(), desired));
        }
    }
}

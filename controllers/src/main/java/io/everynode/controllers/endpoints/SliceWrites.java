package io.everynode.controllers.endpoints;

import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The slices this controller wrote and the cache has not shown yet, per Service (upstream's
 * endpointSliceTracker). Slices get server-made names, so a sync planned from a cache that lacks
 * the last sync's creates would create them again; a Service whose writes the cache has not caught
 * up with waits instead. An expectation the cache never meets (a write overtaken by another
 * deletion) is dropped after {@link #PATIENCE}, measured on the injected clock.
 *
 * <p>Threading: not thread-safe; the controller's one worker uses it.
 */
final class SliceWrites {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String GONE = "";

    private record Pending(Map<String, String> versions, Instant since) {}

    private final Clock clock;
    private final Map<String, Pending> pending = new HashMap<>();

    SliceWrites(Clock clock) {
        this.clock = clock;
    }

    /** The slice was created or updated: the cache is behind until it holds this resourceVersion. */
    void wrote(String serviceKey, EndpointSlice written) {
        expect(
                serviceKey,
                written.getMetadata().getName(),
                written.getMetadata().getResourceVersion());
    }

    /** The slice was deleted: the cache is behind until it no longer holds it. */
    void deleted(String serviceKey, EndpointSlice slice) {
        expect(serviceKey, slice.getMetadata().getName(), GONE);
    }

    /** Whether the cache shows every write of the Service's last sync; forgets them once it does. */
    boolean caughtUp(String serviceKey, String namespace, Lister<EndpointSlice> slices) {
        Pending p = pending.get(serviceKey);
        if (p == null) return true;
        boolean all = true;
        for (Map.Entry<String, String> e : p.versions().entrySet()) {
            Optional<EndpointSlice> cached = slices.get(namespace, e.getKey());
            boolean seen = e.getValue().equals(GONE)
                    ? cached.isEmpty()
                    : cached.isPresent() && atLeast(cached.get().getMetadata().getResourceVersion(), e.getValue());
            all &= seen;
        }
        if (all || !clock.instant().isBefore(p.since().plus(PATIENCE))) {
            pending.remove(serviceKey);
            return true;
        }
        return false;
    }

    void forget(String serviceKey) {
        pending.remove(serviceKey);
    }

    private void expect(String serviceKey, String name, String version) {
        Pending p = pending.computeIfAbsent(serviceKey, k -> new Pending(new HashMap<>(), clock.instant()));
        p.versions().put(name, version == null ? "0" : version);
    }

    /** Everynode's resourceVersions are store revisions, so a later one is a larger number. */
    private static boolean atLeast(String cached, String expected) {
        try {
            return Long.parseLong(cached) >= Long.parseLong(expected);
        } catch (NumberFormatException e) {
            return expected.equals(cached);
        }
    }
}

package io.everynode.apiserver.http;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.rest.Route;
import io.everynode.apiserver.rest.Router;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Upstream's max-in-flight filter: at most so many read-only and so many mutating requests are
 * served at once; the one over the limit is refused at once (429) rather than queued, so a flood
 * cannot pile up threads. Long-running requests (watches, logs, exec, attach, port-forward,
 * proxy) are not counted, as upstream does not count them: they last for minutes by design.
 */
final class InflightLimits {
    private static final Set<String> LONG_RUNNING_SUBRESOURCES =
            Set.of("log", "exec", "attach", "portforward", "proxy");

    private final Semaphore readOnly;
    private final Semaphore mutating;

    InflightLimits(int readOnly, int mutating) {
        this.readOnly = new Semaphore(readOnly);
        this.mutating = new Semaphore(mutating);
    }

    /** A slot held by one request; release it once when the request is done. */
    interface Permit {
        void release();
    }

    private static final Permit UNCOUNTED = () -> {};

    /** A permit for {@code req}, or empty when its kind of request is at the limit. */
    Optional<Permit> tryAcquire(ApiRequest req) {
        if (longRunning(req)) return Optional.of(UNCOUNTED);
        Semaphore pool = mutating(req.method()) ? mutating : readOnly;
        if (!pool.tryAcquire()) return Optional.empty();
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) pool.release();
        });
    }

    static boolean mutating(String method) {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }

    static boolean longRunning(ApiRequest req) {
        if (req.method().equals("GET") && req.flag("watch")) return true;
        Optional<Route> route;
        try {
            route = Router.resolve(req.path());
        } catch (RuntimeException e) {
            return false; // not a resource path; the API answers it (404) as any other request
        }
        return route.isPresent()
                && route.get().subresource() != null
                && LONG_RUNNING_SUBRESOURCES.contains(route.get().subresource());
    }
}

package io.everynode.controlplane;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.http.HttpFrontend;
import io.everynode.client.KubeClient;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One control plane in this process, as {@code everynode server} runs it: a store, the
 * {@link ApiServer} on it, its HTTP front on a loopback address, an in-process client and, unless
 * told otherwise, the {@link ControllerManager}, each controller calling as its own identity
 * ({@link ControllerClients}). It owns the order of both ends:
 * {@link #start()} opens the store, the API server, the HTTP front (and advertises its address),
 * then starts the controllers; {@link #close()} stops the HTTP front (no new outside traffic), the
 * controllers (their last writes still reach the API in process), the client, the API server's
 * loops and the store, each step running whatever the one before did.
 *
 * <pre>{@code
 * try (ControlPlane cp = ControlPlane.builder().store(StoreConfig.sqlite(dir)).bind("127.0.0.1", 6443)
 *         .controllers(ControllerManagerConfig.defaults()).clock(Clock.systemUTC()).build()) {
 *     cp.start();
 *     cp.client().list(Pod.class, null);
 * }
 * }</pre>
 *
 * <p>Threading: {@link #start()} and {@link #close()} are synchronized; the accessors are safe
 * from any thread once {@link #start()} has returned.
 */
public final class ControlPlane implements AutoCloseable {
    private final StoreConfig storeConfig;
    private final String bind;
    private final int port;
    private final ApiServerConfig apiConfig;
    private final ControllerManagerConfig controllersConfig;
    private final Clock clock;

    private Store store;
    private ApiServer api;
    private HttpFrontend http;
    private KubeClient client;
    private ControllerManager manager;
    private ControllerClients controllerClients;
    private boolean started;

    private ControlPlane(Builder b) {
        this.storeConfig = b.storeConfig;
        this.bind = b.bind;
        this.port = b.port;
        this.apiConfig = b.apiConfig;
        this.controllersConfig = b.controllersConfig;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every part in order. When a part fails, what already started is stopped and the
     * failure is thrown: a {@link StoreOpenFailed} when the store would not open, the part's own
     * exception otherwise.
     */
    public synchronized ControlPlane start() throws Exception {
        if (started) throw new IllegalStateException("this control plane was started already");
        started = true;
        try {
            store = Stores.open(storeConfig, clock);
        } catch (RuntimeException e) {
            throw new StoreOpenFailed(e);
        }
        try {
            api = new ApiServer(apiConfig, store, clock);
            http = new HttpFrontend(api, bind, port);
            http.start();
            api.advertise(HostPort.of(bind, http.port()));
            // Controllers go through the client like any other (design.md); in process, no HTTP.
            client = InProcessTransport.client(api);
            if (controllersConfig != null) {
                // each controller calls as its own identity, held to its role by RBAC
                controllerClients = new ControllerClients(api);
                manager = new ControllerManager(
                        controllersConfig, controllerClients.informers(), controllerClients::forController, clock);
                manager.start();
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        return this;
    }

    public Store store() {
        return store;
    }

    public ApiServer api() {
        return api;
    }

    /** An in-process administrator client (the controllers have their own, see ControllerClients); the control plane closes it. */
    public KubeClient client() {
        return client;
    }

    /** The controllers, or null when this control plane runs none. */
    public ControllerManager controllers() {
        return manager;
    }

    public String bindAddress() {
        return bind;
    }

    /** The HTTP front's port (the one the system chose when the builder was given 0). */
    public int port() {
        return http.port();
    }

    /** {@code http://host:port} of the HTTP front. */
    public String url() {
        return HostPort.httpUrl(bind, port());
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized void close() {
        List<Throwable> failures = new ArrayList<>();
        for (AutoCloseable part : new AutoCloseable[] {http, manager, controllerClients, client, api}) {
            try {
                if (part != null) part.close();
            } catch (Exception | Error e) {
                failures.add(e);
            }
        }
        if (store != null) store.close();
        http = null;
        manager = null;
        controllerClients = null;
        client = null;
        api = null;
        store = null;
        if (!failures.isEmpty()) {
            IllegalStateException e = new IllegalStateException(
                    "the control plane did not stop cleanly: " + failures.get(0), failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    /** The store would not open (a bad data directory, a database another process holds). */
    public static final class StoreOpenFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreOpenFailed(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Defaults: a memory store, 127.0.0.1 on a port the system picks, the default API server and controllers, the system clock. */
    public static final class Builder {
        private StoreConfig storeConfig = StoreConfig.memory();
        private String bind = "127.0.0.1";
        private int port;
        private ApiServerConfig apiConfig = ApiServerConfig.defaults();
        private ControllerManagerConfig controllersConfig = ControllerManagerConfig.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder store(StoreConfig config) {
            this.storeConfig = Objects.requireNonNull(config);
            return this;
        }

        /** The HTTP front's address (loopback only, see HttpFrontend.requireLoopback) and port (0: any free one). */
        public Builder bind(String address, int port) {
            this.bind = Objects.requireNonNull(address);
            this.port = port;
            return this;
        }

        public Builder apiServer(ApiServerConfig config) {
            this.apiConfig = Objects.requireNonNull(config);
            return this;
        }

        /** The controllers to run; null runs none (an API server alone, for client and agent tests). */
        public Builder controllers(ControllerManagerConfig config) {
            this.controllersConfig = config;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public ControlPlane build() {
            return new ControlPlane(this);
        }
    }
}

package io.everynode.controlplane;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.KubeletClientTls;
import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.apiserver.http.FrontExtension;
import io.everynode.apiserver.http.HttpFrontend;
import io.everynode.apiserver.http.ServingTls;
import io.everynode.client.KubeClient;
import io.everynode.client.leader.LeaderElectionConfig;
import io.everynode.client.leader.LeaderElector;
import io.everynode.controllers.bootstrapsigner.ClusterInfoConfig;
import io.everynode.controllers.certificates.SigningConfig;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.KeyAndCertificate;
import io.everynode.pki.Pem;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>Secure ({@link Builder#secure}): the front serves HTTPS with the {@link ClusterPki}'s serving
 * certificate, which is checked for renewal on the control plane's clock every
 * {@link Builder#renewalCheckEvery} and swapped in without a restart, and the API server
 * authenticates every request ({@link SecurityConfig#secure}). Otherwise the front is plain HTTP
 * and open on loopback (the library's and tests' default).
 *
 * <p>Leader election ({@link Builder#leaderElection}, off by default; {@code everynode server}
 * turns it on): the controllers and the scheduler then run only while this process holds the
 * Leases {@code kube-system/kube-controller-manager} and {@code kube-system/kube-scheduler}
 * ({@link ElectedControllers}); {@link #start()} returns without waiting to win.
 *
 * <p>Threading: {@link #start()} and {@link #close()} are synchronized; the accessors are safe
 * from any thread once {@link #start()} has returned.
 */
public final class ControlPlane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
    private final StoreConfig storeConfig;
    /** How long start waits for an unavailable store ({@link StoreStartup}); null: one attempt. */
    private final Duration storeStartTimeout;

    private final String bind;
    private final int port;
    private final ApiServerConfig apiConfig;
    private final ControllerManagerConfig controllersConfig;
    private final Clock clock;
    private final ClusterPki pki;
    private final String advertiseHost;
    private final Duration renewalCheck;
    private final LeaderElectionConfig election;
    private final List<FrontExtension> extensions;

    private Store store;
    private ScheduledExecutorService renewal;
    private ApiServer api;
    private HttpFrontend http;
    private KubeClient client;
    private ControllerManager manager;
    private ControllerClients controllerClients;
    private ElectedControllers elected;
    private boolean started;

    private ControlPlane(Builder b) {
        this.storeConfig = b.storeConfig;
        this.storeStartTimeout = b.storeStartTimeout;
        this.bind = b.bind;
        this.port = b.port;
        this.apiConfig = b.apiConfig;
        this.controllersConfig = b.controllersConfig;
        this.clock = b.clock;
        this.pki = b.pki;
        this.advertiseHost = b.advertiseHost;
        this.renewalCheck = b.renewalCheck;
        this.election = b.election;
        this.extensions = List.copyOf(b.extensions);
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
            store = storeStartTimeout == null
                    ? Stores.open(storeConfig, clock)
                    : new StoreStartup(
                                    () -> Stores.open(storeConfig, clock),
                                    where(storeConfig),
                                    storeStartTimeout,
                                    System::nanoTime,
                                    d -> Thread.sleep(d.toMillis()),
                                    LOG::warn)
                            .open();
        } catch (RuntimeException e) {
            throw new StoreOpenFailed(e);
        }
        try {
            if (pki != null) {
                // One cluster, one CA and ServiceAccount key, whichever server starts first (docs/ha.md).
                ClusterIdentity.of(
                                pki.ca().keyAndCertificate().certificate(),
                                pki.serviceAccountKeys().getPublic())
                        .claim(store);
            }
            api = new ApiServer(
                    pki == null ? apiConfig : apiConfig.withSecurity(secured(apiConfig.security())), store, clock);
            http = new HttpFrontend(api, bind, port, pki == null ? null : servingTls(), extensions);
            http.start();
            if (pki != null) startRenewal();
            api.advertise(HostPort.of(bind, http.port()));
            // Controllers go through the client like any other (design.md); in process, no HTTP.
            client = InProcessTransport.client(api);
            if (controllersConfig != null && election != null) {
                elected = new ElectedControllers(
                        api, pki == null ? controllersConfig : withClusterTrust(controllersConfig), election, clock);
                elected.start();
            } else if (controllersConfig != null) {
                // each controller calls as its own identity, held to its role by RBAC
                controllerClients = new ControllerClients(api);
                manager = new ControllerManager(
                        pki == null ? controllersConfig : withClusterTrust(controllersConfig),
                        controllerClients.informers(),
                        controllerClients::forController,
                        clock);
                manager.start();
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        return this;
    }

    private static String where(StoreConfig config) {
        if (config.etcd() != null) {
            return "etcd at "
                    + String.join(
                            ",",
                            config.etcd().endpoints().stream()
                                    .map(Object::toString)
                                    .toList());
        }
        return config.dataDir() == null ? "the memory store" : "the store in " + config.dataDir();
    }

    /**
     * The controllers that hand out trust get the cluster's CA, unless the builder's config set
     * their own: the CSR signer its key, the root-CA publisher its certificate, the bootstrap
     * signer the cluster-info (this server's advertised URL and the CA) joining nodes read.
     */
    private ControllerManagerConfig withClusterTrust(ControllerManagerConfig c) {
        KeyAndCertificate ca = pki.ca().keyAndCertificate();
        String caPem = Pem.certificate(ca.certificate());
        ControllerManagerConfig out = c;
        if (out.csrSigning() == null) out = out.withCsrSigning(SigningConfig.of(ca.certificate(), ca.key()));
        if (out.rootCaPem() == null) out = out.withRootCa(caPem);
        if (!out.clusterInfo().publishes()) {
            String server = HostPort.httpsUrl(advertiseHost == null ? clientHost(bind) : advertiseHost, http.port());
            out = out.withClusterInfo(new ClusterInfoConfig(server, caPem.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The host a client dials for a front bound to {@code bind}: loopback for a wildcard bind. */
    private static String clientHost(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    private SecurityConfig secured(SecurityConfig base) {
        return new SecurityConfig(
                false,
                List.of(pki.ca().certificate()),
                pki.serviceAccountKeys(),
                base.serviceAccountIssuer(),
                base.encryptionConfig(),
                base.auditPolicy(),
                base.auditLog(),
                kubeletClient(),
                extensions.stream().flatMap(e -> e.authenticators().stream()).toList());
    }

    /** pods/log calls agents over TLS as kube-apiserver-kubelet-client, trusting agents the cluster CA signed. */
    private KubeletClientTls kubeletClient() {
        KeyAndCertificate client = pki.kubeletClient();
        return new KubeletClientTls(
                client.key(), client.certificate(), List.of(pki.ca().certificate()));
    }

    private ServingTls servingTls() {
        return new ServingTls(
                pki.serving().key(),
                List.of(pki.serving().certificate()),
                List.of(pki.ca().certificate()));
    }

    private void startRenewal() {
        renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "everynode-cert-renewal");
            t.setDaemon(true);
            return t;
        });
        long every = renewalCheck.toMillis();
        renewal.scheduleWithFixedDelay(
                () -> {
                    try {
                        renewServingCertificateIfDue();
                    } catch (RuntimeException e) {
                        LOG.warn("could not renew the serving certificate; trying again in {}", renewalCheck, e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Renews the serving certificate when it is due on the control plane's clock (less than a
     * third of its life left) and serves the new one to new connections. The renewal loop calls
     * this; so may a test that moved the clock.
     *
     * @return whether a new certificate was issued
     */
    public boolean renewServingCertificateIfDue() {
        if (pki == null) return false;
        return pki.renewServingIfDue()
                .map(kc -> {
                    http.reloadCertificate(kc.key(), List.of(kc.certificate()));
                    LOG.info(
                            "renewed the serving certificate; it is valid until {}",
                            kc.certificate().getNotAfter());
                    return true;
                })
                .orElse(false);
    }

    /** The cluster's keys and certificates when secure, else null. */
    public ClusterPki pki() {
        return pki;
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

    /**
     * The controllers, or null when this control plane runs none; with leader election, those of
     * the current term but the scheduler (null while another server leads).
     */
    public ControllerManager controllers() {
        return elected != null ? elected.controllers() : manager;
    }

    /**
     * With leader election, the electors of the Leases {@code kube-controller-manager} and
     * {@code kube-scheduler} (of those whose controllers run); otherwise none.
     */
    public List<LeaderElector> leaderElectors() {
        return elected == null ? List.of() : elected.electors();
    }

    public String bindAddress() {
        return bind;
    }

    /** The HTTP front's port (the one the system chose when the builder was given 0). */
    public int port() {
        return http.port();
    }

    /** {@code https://host:port} of the front when secure, else {@code http://host:port}. */
    public String url() {
        return pki == null ? HostPort.httpUrl(bind, port()) : HostPort.httpsUrl(bind, port());
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized void close() {
        List<Throwable> failures = new ArrayList<>();
        if (renewal != null) renewal.shutdownNow();
        renewal = null;
        for (AutoCloseable part : new AutoCloseable[] {http, elected, manager, controllerClients, client, api}) {
            try {
                if (part != null) part.close();
            } catch (Exception | Error e) {
                failures.add(e);
            }
        }
        if (store != null) store.close();
        http = null;
        elected = null;
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
        private ClusterPki pki;
        private String advertiseHost;
        private Duration renewalCheck = Duration.ofHours(1);
        private LeaderElectionConfig election;
        private Duration storeStartTimeout;
        private final List<FrontExtension> extensions = new ArrayList<>();

        private Builder() {}

        /**
         * Serve {@code extension} on the front beside the API (the dashboard); the API does not
         * authenticate its requests, so it must act with its callers' own credentials
         * ({@link FrontExtension}).
         */
        public Builder frontExtension(FrontExtension extension) {
            this.extensions.add(Objects.requireNonNull(extension));
            return this;
        }

        /**
         * Keep trying to open a store that is unavailable at start (etcd not up yet) for {@code
         * limit}, {@link Duration#ZERO} meaning forever, logging as it waits (docs/ha.md); null
         * (the default): one attempt, failing with {@link StoreOpenFailed}.
         */
        public Builder storeStartTimeout(Duration limit) {
            if (limit != null && limit.isNegative()) throw new IllegalArgumentException("negative: " + limit);
            this.storeStartTimeout = limit;
            return this;
        }

        /**
         * Run the controllers and the scheduler only while this process holds their Leases,
         * campaigning with {@code config}'s identity and timings (its Lease name is replaced by
         * {@code kube-controller-manager} and {@code kube-scheduler}); null (the default): run
         * them from {@link ControlPlane#start()} on, unelected, as one server alone may.
         */
        public Builder leaderElection(LeaderElectionConfig config) {
            this.election = config;
            return this;
        }

        /**
         * Serve HTTPS with {@code pki}'s certificates and authenticate every request: x509 client
         * certificates of its CA, ServiceAccount tokens signed with its keys. Any bind address
         * is allowed then.
         */
        public Builder secure(ClusterPki pki) {
            this.pki = Objects.requireNonNull(pki);
            return this;
        }

        /**
         * The host other machines reach this server at (published in cluster-info for joining
         * nodes); by default the bind address, or loopback for a wildcard bind.
         */
        public Builder advertiseHost(String host) {
            this.advertiseHost = host;
            return this;
        }

        /** How often a secure control plane checks whether its serving certificate is due for renewal (default 1 h). */
        public Builder renewalCheckEvery(Duration every) {
            if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("must be positive: " + every);
            this.renewalCheck = every;
            return this;
        }

        public Builder store(StoreConfig config) {
            this.storeConfig = Objects.requireNonNull(config);
            return this;
        }

        /** The front's address (loopback only unless {@link #secure}, see HttpFrontend.checkBind) and port (0: any free one). */
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

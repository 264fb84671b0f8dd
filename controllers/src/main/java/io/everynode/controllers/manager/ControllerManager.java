package io.everynode.controllers.manager;

import io.everynode.client.KubeClient;
import io.everynode.controllers.bootstrapsigner.BootstrapSignerRunner;
import io.everynode.controllers.bootstrapsigner.TokenCleanerRunner;
import io.everynode.controllers.certificates.CsrApprovingRunner;
import io.everynode.controllers.certificates.CsrSigningRunner;
import io.everynode.controllers.clusterroleaggregation.ClusterRoleAggregationRunner;
import io.everynode.controllers.daemonset.DaemonSetRunner;
import io.everynode.controllers.deployment.DeploymentRunner;
import io.everynode.controllers.endpoints.EndpointSliceRunner;
import io.everynode.controllers.endpoints.EndpointsRunner;
import io.everynode.controllers.nodelifecycle.NodeLifecycleRunner;
import io.everynode.controllers.podgc.PodGcRunner;
import io.everynode.controllers.replicaset.ReplicaSetController;
import io.everynode.controllers.replicaset.ReplicaSetRunner;
import io.everynode.controllers.rootcacert.RootCaPublisherRunner;
import io.everynode.controllers.scheduler.SchedulerRunner;
import io.everynode.controllers.serviceaccount.ServiceAccountsRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Everynode's controllers in one process against one {@link KubeClient}, sharing one
 * informer per kind between them (design.md: the controllers' room).
 *
 * <pre>{@code
 * ControllerManager manager = new ControllerManager(ControllerManagerConfig.defaults(), InProcessTransport.client(api), clock);
 * manager.start();   // informers list, caches sync, then every controller's worker starts
 * ...
 * manager.close();   // workers stop, then the informers
 * }</pre>
 *
 * <p>To add a controller: a class implementing {@link Controller} whose constructor takes its
 * config and the {@link ControllerContext} (registering its informers and handlers there), one
 * name constant, and one line in {@link #builders}; plus its config in
 * {@link ControllerManagerConfig}.
 */
public final class ControllerManager implements AutoCloseable {
    public static final String DAEMONSET = "daemonset";
    /** E7.3: the DaemonSet controller again, for OpenKruise's Advanced DaemonSets (apps.kruise.io/v1alpha1). */
    public static final String ADVANCED_DAEMONSET = "advanced-daemonset";

    public static final String SCHEDULER = "scheduler";
    public static final String NODE_LIFECYCLE = "nodelifecycle";
    public static final String POD_GC = "podgc";
    public static final String ENDPOINTS = "endpoints";
    public static final String ENDPOINT_SLICE = "endpointslice";
    public static final String SERVICE_ACCOUNT = "serviceaccount";
    public static final String CLUSTER_ROLE_AGGREGATION = "clusterrole-aggregation";
    public static final String REPLICASET = "replicaset";
    public static final String DEPLOYMENT = "deployment";
    /** Issues certificates for approved CSRs; signs nothing without {@link ControllerManagerConfig#csrSigning()}. */
    public static final String CSR_SIGNING = "csrsigning";

    public static final String CSR_APPROVING = "csrapproving";
    /** Upstream's name: kube-controller-manager's {@code root-ca-certificate-publisher-controller}. */
    public static final String ROOT_CA_PUBLISHER = "root-ca-cert-publisher";

    public static final String BOOTSTRAP_SIGNER = "bootstrapsigner";
    public static final String TOKEN_CLEANER = "tokencleaner";

    /**
     * The ServiceAccount (in kube-system) each controller runs as, upstream's names; the
     * scheduler is not among them: it runs as the user {@code system:kube-scheduler}.
     */
    public static final Map<String, String> SERVICE_ACCOUNTS = Map.ofEntries(
            Map.entry(DAEMONSET, "daemon-set-controller"),
            Map.entry(ADVANCED_DAEMONSET, "daemon-set-controller"),
            Map.entry(NODE_LIFECYCLE, "node-controller"),
            Map.entry(POD_GC, "pod-garbage-collector"),
            Map.entry(ENDPOINTS, "endpoint-controller"),
            Map.entry(ENDPOINT_SLICE, "endpointslice-controller"),
            Map.entry(SERVICE_ACCOUNT, "service-account-controller"),
            Map.entry(CLUSTER_ROLE_AGGREGATION, "clusterrole-aggregation-controller"),
            Map.entry(REPLICASET, "replicaset-controller"),
            Map.entry(DEPLOYMENT, "deployment-controller"),
            Map.entry(CSR_SIGNING, "certificate-controller"),
            Map.entry(CSR_APPROVING, "certificate-controller"),
            Map.entry(ROOT_CA_PUBLISHER, "root-ca-cert-publisher"),
            Map.entry(BOOTSTRAP_SIGNER, "bootstrap-signer"),
            Map.entry(TOKEN_CLEANER, "token-cleaner"));

    private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

    private final ControllerManagerConfig config;
    private final ControllerContext context;
    private final Map<String, Controller> controllers = new LinkedHashMap<>();
    private boolean started;
    private boolean closed;

    /** Every controller, and the shared informers, call through {@code client}. */
    public ControllerManager(ControllerManagerConfig config, KubeClient client, Clock clock) {
        this(config, client, name -> client, clock);
    }

    /**
     * Each controller calls through a client of its own (its identity) while the shared
     * informers list and watch through {@code informerClient}.
     *
     * @param clients the client of each controller, by name ({@link #DAEMONSET}, ...)
     */
    public ControllerManager(
            ControllerManagerConfig config,
            KubeClient informerClient,
            Function<String, KubeClient> clients,
            Clock clock) {
        this.config = config;
        this.context = new ControllerContext(informerClient, clock);
        Map<String, Function<ControllerContext, Controller>> builders = builders(config);
        for (String name : config.controllers()) {
            if (!name.equals(ControllerManagerConfig.ALL) && !builders.containsKey(name)) {
                throw new IllegalArgumentException("unknown controller \"" + name + "\"; known: " + builders.keySet());
            }
        }
        builders.forEach((name, build) -> {
            if (config.runs(name)) controllers.put(name, build.apply(context.withClient(clients.apply(name))));
        });
    }

    /** Every controller the manager knows, by name, in start order. */
    private static Map<String, Function<ControllerContext, Controller>> builders(ControllerManagerConfig config) {
        Map<String, Function<ControllerContext, Controller>> b = new LinkedHashMap<>();
        b.put(DAEMONSET, ctx -> new DaemonSetRunner(config.daemonSet(), ctx));
        b.put(ADVANCED_DAEMONSET, ctx -> DaemonSetRunner.advanced(config.daemonSet(), ctx));
        b.put(SCHEDULER, ctx -> new SchedulerRunner(config.scheduler(), ctx));
        b.put(NODE_LIFECYCLE, ctx -> new NodeLifecycleRunner(config.nodeLifecycle(), ctx));
        b.put(POD_GC, ctx -> new PodGcRunner(config.podGc(), ctx));
        b.put(ENDPOINTS, EndpointsRunner::new);
        b.put(ENDPOINT_SLICE, EndpointSliceRunner::new);
        b.put(SERVICE_ACCOUNT, ServiceAccountsRunner::new);
        b.put(CLUSTER_ROLE_AGGREGATION, ClusterRoleAggregationRunner::new);
        b.put(REPLICASET, ctx -> new ReplicaSetRunner(ReplicaSetController.Config.defaults(), ctx));
        b.put(DEPLOYMENT, DeploymentRunner::new);
        b.put(
                CSR_SIGNING,
                ctx -> config.csrSigning() == null ? Controller.NONE : new CsrSigningRunner(config.csrSigning(), ctx));
        b.put(CSR_APPROVING, CsrApprovingRunner::new);
        if (config.rootCaPem() != null)
            b.put(ROOT_CA_PUBLISHER, ctx -> new RootCaPublisherRunner(config.rootCaPem(), ctx));
        b.put(BOOTSTRAP_SIGNER, ctx -> new BootstrapSignerRunner(config.clusterInfo(), ctx));
        b.put(TOKEN_CLEANER, TokenCleanerRunner::new);
        return b;
    }

    /**
     * The names of the controllers a manager built from {@code config} runs, in start order
     * (to split them between managers, as the controller manager and the scheduler are).
     */
    public static List<String> names(ControllerManagerConfig config) {
        return builders(config).keySet().stream().filter(config::runs).toList();
    }

    /** The names of the controllers this manager runs. */
    public Set<String> controllers() {
        return Set.copyOf(controllers.keySet());
    }

    /**
     * Starts the shared informers, waits until their caches hold the first list, then starts
     * every controller. Throws {@link IllegalStateException} when the caches do not sync within
     * {@link ControllerManagerConfig#cacheSyncTimeout()} (nothing is left running then).
     */
    public synchronized void start() throws InterruptedException {
        if (started || closed) throw new IllegalStateException("a manager starts once");
        started = true;
        context.informers().start();
        if (!context.informers().waitForCacheSync(config.cacheSyncTimeout())) {
            close();
            throw new IllegalStateException("informer caches did not sync within " + config.cacheSyncTimeout());
        }
        for (Map.Entry<String, Controller> c : controllers.entrySet()) {
            c.getValue().start();
            LOG.info("started controller {}", c.getKey());
        }
    }

    /** Stops the controllers (last started first), then the informers. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        List<Controller> reversed = new ArrayList<>(controllers.values());
        java.util.Collections.reverse(reversed);
        for (Controller c : reversed) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("a controller failed to stop", e);
            }
        }
        context.informers().close();
    }
}

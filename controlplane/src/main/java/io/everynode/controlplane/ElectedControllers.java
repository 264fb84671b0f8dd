package io.everynode.controlplane;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.auth.rbac.BootstrapPolicy;
import io.everynode.client.KubeClient;
import io.everynode.client.leader.LeaderElectionConfig;
import io.everynode.client.leader.LeaderElector;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controllers.manager.ControllerManagerConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The controllers and the scheduler run only while this process holds their Lease, as upstream
 * runs kube-controller-manager (Lease {@code kube-system/kube-controller-manager}) and
 * kube-scheduler ({@code kube-system/kube-scheduler}) on every control-plane machine: one
 * {@link LeaderElector} per Lease, each starting a fresh {@link ControllerManager} (with fresh
 * clients behind the elector's write fence) when it wins and closing it when it loses.
 *
 * <p>The electors read and write their Lease as {@code system:kube-controller-manager} and
 * {@code system:kube-scheduler}, whose bootstrap roles allow exactly that; their clients are not
 * fenced. Closing stops both managers, then releases the Leases.
 */
final class ElectedControllers implements AutoCloseable {
    static final String CONTROLLER_MANAGER_LEASE = "kube-controller-manager";
    static final String SCHEDULER_LEASE = "kube-scheduler";

    private final List<LeaderElector> electors = new ArrayList<>();
    private final List<KubeClient> electionClients = new ArrayList<>();
    private final AtomicReference<ControllerManager> controllers = new AtomicReference<>();
    private final AtomicReference<ControllerManager> scheduler = new AtomicReference<>();

    /** @param election the timings and identity; its name is replaced by each Lease's */
    ElectedControllers(ApiServer api, ControllerManagerConfig config, LeaderElectionConfig election, Clock clock) {
        List<String> names = ControllerManager.names(config);
        List<String> others = names.stream()
                .filter(n -> !n.equals(ControllerManager.SCHEDULER))
                .toList();
        if (!others.isEmpty()) {
            ControllerManagerConfig c = config.withControllers(others.toArray(String[]::new));
            add(
                    api,
                    election.withName(CONTROLLER_MANAGER_LEASE),
                    BootstrapPolicy.KUBE_CONTROLLER_MANAGER,
                    c,
                    clock,
                    controllers);
        }
        if (names.contains(ControllerManager.SCHEDULER)) {
            ControllerManagerConfig c = config.withControllers(ControllerManager.SCHEDULER);
            add(api, election.withName(SCHEDULER_LEASE), BootstrapPolicy.KUBE_SCHEDULER, c, clock, scheduler);
        }
    }

    private void add(
            ApiServer api,
            LeaderElectionConfig election,
            String user,
            ControllerManagerConfig config,
            Clock clock,
            AtomicReference<ControllerManager> current) {
        KubeClient client = ControllerClients.electionClient(api, user);
        electionClients.add(client);
        LeaderElector[] self = new LeaderElector[1];
        self[0] = new LeaderElector(election, client, clock, () -> {
            ControllerClients clients = new ControllerClients(api, self[0].fence());
            ControllerManager manager =
                    new ControllerManager(config, clients.informers(), clients::forController, clock);
            try {
                manager.start();
            } catch (Exception | Error e) {
                clients.close();
                throw e;
            }
            current.set(manager);
            return () -> {
                current.set(null);
                try {
                    manager.close();
                } finally {
                    clients.close();
                }
            };
        });
        electors.add(self[0]);
    }

    void start() {
        for (LeaderElector e : electors) e.start();
    }

    /** One elector per Lease: the controller manager's, then the scheduler's (when they run). */
    List<LeaderElector> electors() {
        return List.copyOf(electors);
    }

    /** The controllers (all but the scheduler) of the current term, or null while not leading. */
    ControllerManager controllers() {
        return controllers.get();
    }

    /** The scheduler's manager of the current term, or null while not leading. */
    ControllerManager scheduler() {
        return scheduler.get();
    }

    @Override
    public void close() {
        for (LeaderElector e : electors) e.close();
        for (KubeClient c : electionClients) c.close();
    }
}

package io.everynode.cli;

import static org.awaitility.Awaitility.await;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.client.KubeClient;
import io.everynode.testkit.etcd.EtcdCluster;
import io.everynode.testkit.history.ApiResource;
import io.everynode.testkit.history.History;
import io.everynode.testkit.history.Operation;
import io.everynode.testkit.history.Outcome;
import io.everynode.testkit.history.RecordingClient;
import io.everynode.testkit.history.RecordingWatcher;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The set-up the leader fault tests share: an etcd on loopback, {@link ServersOnEtcd} on it, a
 * leader known before the others start, a simulated fleet calling the servers in a given order,
 * and a deployer and watchers recording into one {@link History}. Everything made through it
 * closes, in reverse order, when it closes (tests hold it in an {@code @AutoClose} field).
 */
final class LeaderFaultRun implements AutoCloseable {
    static final ApiResource PODS = ApiResource.core("pods");
    static final ApiResource DAEMON_SETS = ApiResource.apps("daemonsets");

    final History history = new History();
    final ServersOnEtcd servers;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Map<Integer, KubeClient> clients = new HashMap<>();
    private HttpClient http;

    private LeaderFaultRun(EtcdCluster etcd, Path dir) {
        closing.add(etcd);
        this.servers = owned(new ServersOnEtcd(dir, etcd));
    }

    /** Skips the calling test where etcd is not installed; else starts {@code members} of etcd under {@code dir}. */
    static LeaderFaultRun onEtcd(Path dir, int members) throws Exception {
        EtcdCluster.assumeAvailable();
        return new LeaderFaultRun(EtcdCluster.start(dir.resolve("etcd"), members), dir);
    }

    /** Starts server {@code index} with {@code flags} and waits until it holds both Leases. */
    ServersOnEtcd.Server leader(int index, String... flags) throws Exception {
        ServersOnEtcd.Server leader = servers.start(index, flags);
        KubeClient via = client(leader);
        await().atMost(Duration.ofSeconds(60)).until(() -> ServersOnEtcd.holdsBoth(via, leader));
        return leader;
    }

    /** An admin client of {@code server} alone, one per server. */
    KubeClient client(ServersOnEtcd.Server server) {
        return clients.computeIfAbsent(server.index(), i -> owned(servers.client(server)));
    }

    /**
     * {@code nodes} simulated nodes, {@code node-1} …, reporting every 500 ms, whose agents call
     * {@code order}'s first server and fail over to the next.
     */
    SimulatedFleet fleet(List<ServersOnEtcd.Server> order, SimulatedRuntime.Config runtime, int nodes) {
        KubeClient fleetClient = owned(servers.failoverClient(order, "everynode-agent/fleet"));
        SimulatedFleet fleet = owned(new SimulatedFleet(fleetClient, Clock.systemUTC(), runtime));
        List<AgentConfig> configs = new ArrayList<>();
        for (int i = 1; i <= nodes; i++)
            configs.add(AgentConfig.defaults("node-" + i).withReportInterval(Duration.ofMillis(500)));
        fleet.addAll(configs, 4);
        return fleet;
    }

    /** A recording client of {@code on}, writing as the admin. */
    RecordingClient deployer(ServersOnEtcd.Server on) {
        return new RecordingClient("deployer", http(), on::url, history, Duration.ofSeconds(30));
    }

    /** A recording watcher of {@code resource} in {@code default} on {@code on}, started. */
    RecordingWatcher watcher(String name, ServersOnEtcd.Server on, ApiResource resource) {
        return owned(new RecordingWatcher(name, http(), on::url, resource, "default", history, Duration.ofMillis(100)))
                .start();
    }

    /** Waits until each of {@code watchers} has delivered its first events. */
    static void awaitWatching(RecordingWatcher... watchers) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (RecordingWatcher w : watchers) if (w.delivered() == 0) return false;
            return true;
        });
    }

    /** The body of an update of the acknowledged {@code created} DaemonSet to {@code image}. */
    static String withImage(Operation created, String image) {
        ObjectNode update =
                (ObjectNode) ((Outcome.Acknowledged) created.outcome()).object().deepCopy();
        update.remove("status");
        ((ObjectNode) update.get("metadata")).remove("resourceVersion");
        ((ObjectNode) update.at("/spec/template/spec/containers/0")).put("image", image);
        return update.toString();
    }

    private HttpClient http() {
        if (http == null) http = servers.http();
        return http;
    }

    private <T extends AutoCloseable> T owned(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    /** Closes everything made through this run, the last made first; each even when one before failed. */
    @Override
    public void close() {
        IllegalStateException failed = null;
        for (int i = closing.size() - 1; i >= 0; i--) {
            try {
                closing.get(i).close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                if (failed == null) failed = new IllegalStateException("closing the fault run failed", e);
                else failed.addSuppressed(e);
            }
        }
        if (failed != null) throw failed;
    }
}

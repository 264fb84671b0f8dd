package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.client.KubeClient;
import io.everynode.testkit.etcd.EtcdCluster;
import io.everynode.testkit.history.ApiResource;
import io.everynode.testkit.history.FencedWritesCheck;
import io.everynode.testkit.history.History;
import io.everynode.testkit.history.HistoryChecker;
import io.everynode.testkit.history.Operation;
import io.everynode.testkit.history.Outcome;
import io.everynode.testkit.history.RecordingClient;
import io.everynode.testkit.history.RecordingWatcher;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * The leading {@code everynode server} paused with SIGSTOP for longer than its lease, on etcd
 * beside a second server: the second takes both Leases and rolls a DaemonSet out; the first,
 * continued, writes nothing as a controller or scheduler while the second holds their Leases (its
 * own audit log, read by {@link FencedWritesCheck}), even when handed fresh work (a new
 * DaemonSet), and rejoins as a follower: it serves the API, and takes the Leases again when the
 * second server stops. The clients' history on the second server passes the checker.
 */
class LeaderPauseFencingIT {
    private static final int NODES = 3;
    private static final ApiResource PODS = ApiResource.core("pods");
    private static final ApiResource DAEMON_SETS = ApiResource.apps("daemonsets");
    private static final String WRITES_AT_METADATA = """
            apiVersion: audit.k8s.io/v1
            kind: Policy
            omitStages: [RequestReceived]
            rules:
            - level: Metadata
              verbs: [create, update, patch, delete, deletecollection]
            """;

    @TempDir
    Path dir;

    private final History history = new History();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }

    @Test
    void aLeaderPausedLongerThanItsLeaseWritesNothingOnceAnotherHoldsItAndRejoinsAsAFollower() throws Exception {
        EtcdCluster.assumeAvailable();
        EtcdCluster etcd = EtcdCluster.start(dir.resolve("etcd"), 1);
        closing.add(etcd);
        Path policy = Files.writeString(dir.resolve("audit-policy.yaml"), WRITES_AT_METADATA);
        Path audit = dir.resolve("audit-1.log");
        ServersOnEtcd servers = new ServersOnEtcd(dir, etcd);
        closing.add(servers);
        ServersOnEtcd.Server paused =
                servers.start(1, "--audit-policy-file", policy.toString(), "--audit-log-path", audit.toString());
        KubeClient viaPaused = servers.client(paused);
        closing.add(viaPaused);
        await().atMost(Duration.ofSeconds(60)).until(() -> ServersOnEtcd.holdsBoth(viaPaused, paused));
        ServersOnEtcd.Server other = servers.start(2);
        KubeClient viaOther = servers.client(other);
        closing.add(viaOther);

        KubeClient fleetClient = servers.failoverClient(List.of(other, paused), "everynode-agent/fleet");
        closing.add(fleetClient);
        SimulatedFleet fleet = new SimulatedFleet(fleetClient, Clock.systemUTC(), SimulatedRuntime.Config.defaults());
        closing.add(fleet);
        for (int i = 1; i <= NODES; i++)
            fleet.add(AgentConfig.defaults("node-" + i).withReportInterval(Duration.ofMillis(500)));
        HttpClient http = servers.http();
        RecordingClient deployer = new RecordingClient("deployer", http, other::url, history, Duration.ofSeconds(30));
        RecordingWatcher pods = watcher("pods", http, other, PODS);
        RecordingWatcher daemonSets = watcher("daemonsets", http, other, DAEMON_SETS);
        await().atMost(Duration.ofSeconds(30)).until(() -> pods.delivered() > 0 && daemonSets.delivered() > 0);

        // The first server leads: its controllers make the pods of a first DaemonSet.
        Operation before = deployer.create(DAEMON_SETS, "default", RolloutObjects.daemonSet("before", 1, 0));
        assertThat(before.outcome()).isInstanceOf(Outcome.Acknowledged.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> RolloutObjects.settled(viaOther, "before", 1, NODES));

        paused.pause();
        await().atMost(ServersOnEtcd.LEASE.plus(Duration.ofSeconds(45)))
                .until(() -> ServersOnEtcd.holdsBoth(viaOther, other));
        Instant[] taken = acquired(viaOther);

        // While the first is stopped the second leads: it rolls the first DaemonSet to a new image.
        ObjectNode update =
                (ObjectNode) ((Outcome.Acknowledged) before.outcome()).object().deepCopy();
        update.remove("status");
        ((ObjectNode) update.get("metadata")).remove("resourceVersion");
        ((ObjectNode) update.at("/spec/template/spec/containers/0")).put("image", "fluentd:v2");
        assertThat(deployer.update(DAEMON_SETS, "default", "before", update.toString())
                        .outcome())
                .isInstanceOf(Outcome.Acknowledged.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> RolloutObjects.settled(viaOther, "before", 2, NODES));

        // Continued, the first server's controllers wake to work they would do, had they not been fenced.
        paused.resume();
        assertThat(deployer.create(DAEMON_SETS, "default", RolloutObjects.daemonSet("after", 1, 0))
                        .outcome())
                .isInstanceOf(Outcome.Acknowledged.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> RolloutObjects.settled(viaOther, "after", 1, NODES));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> paused.log().contains("lease kube-system/kube-controller-manager: leadership lost")
                        && paused.log().contains("lease kube-system/kube-scheduler: leadership lost"));
        // A follower now: it serves the API, and the Leases stay the second server's.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> viaPaused.list(Pod.class, "default").items().size() == 2 * NODES);
        assertThat(ServersOnEtcd.holdsBoth(viaOther, other)).isTrue();

        RolloutObjects.finalListsSeenByTheWatchers(deployer, List.of(pods), daemonSets, "after", "node-1");
        System.out.println("history: " + history.summary());
        assertThat(HistoryChecker.sharedKeys().check(history)).isEmpty();
        pods.close();
        daemonSets.close();

        // The second server stops and gives its Leases up: the first campaigns still, and leads again.
        other.stop();
        await().atMost(Duration.ofSeconds(60)).until(() -> ServersOnEtcd.holdsBoth(viaPaused, paused));
        Instant[] back = acquired(viaPaused);

        List<FencedWritesCheck.AuditedWrite> writes = FencedWritesCheck.writes(Files.readAllLines(audit));
        System.out.println("fencing: " + writes.size() + " writes in the first server's audit log; the second held"
                + " the Leases from " + taken[0] + " and " + taken[1] + " until " + back[0] + " and " + back[1]);
        assertThat(writes)
                .as("the first server's controllers wrote while they led, so its audit log holds their writes")
                .anySatisfy(
                        w -> assertThat(w.user()).isEqualTo("system:serviceaccount:kube-system:daemon-set-controller"));
        assertThat(FencedWritesCheck.check(
                        writes,
                        FencedWritesCheck::everynodeLease,
                        List.of(
                                new FencedWritesCheck.Span(ServersOnEtcd.CONTROLLER_MANAGER, taken[0], back[0]),
                                new FencedWritesCheck.Span(ServersOnEtcd.SCHEDULER, taken[1], back[1]))))
                .isEmpty();
    }

    private RecordingWatcher watcher(String name, HttpClient http, ServersOnEtcd.Server on, ApiResource resource) {
        RecordingWatcher w =
                new RecordingWatcher(name, http, on::url, resource, "default", history, Duration.ofMillis(100));
        closing.add(w);
        return w.start();
    }

    /** The acquire times of the controller manager's and the scheduler's Leases. */
    private static Instant[] acquired(KubeClient via) {
        return new Instant[] {
            ServersOnEtcd.lease(via, ServersOnEtcd.CONTROLLER_MANAGER)
                    .getSpec()
                    .getAcquireTime()
                    .toInstant(),
            ServersOnEtcd.lease(via, ServersOnEtcd.SCHEDULER)
                    .getSpec()
                    .getAcquireTime()
                    .toInstant()
        };
    }
}

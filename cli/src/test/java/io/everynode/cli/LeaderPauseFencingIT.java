package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.SimulatedRuntime;
import io.everynode.client.KubeClient;
import io.everynode.testkit.history.FencedWritesCheck;
import io.everynode.testkit.history.HistoryChecker;
import io.everynode.testkit.history.Operation;
import io.everynode.testkit.history.Outcome;
import io.everynode.testkit.history.RecordingClient;
import io.everynode.testkit.history.RecordingWatcher;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @AutoClose
    LeaderFaultRun run;

    @Test
    void aLeaderPausedLongerThanItsLeaseWritesNothingOnceAnotherHoldsItAndRejoinsAsAFollower() throws Exception {
        run = LeaderFaultRun.onEtcd(dir, 1);
        Path policy = Files.writeString(dir.resolve("audit-policy.yaml"), WRITES_AT_METADATA);
        Path audit = dir.resolve("audit-1.log");
        ServersOnEtcd.Server paused =
                run.leader(1, "--audit-policy-file", policy.toString(), "--audit-log-path", audit.toString());
        KubeClient viaPaused = run.client(paused);
        ServersOnEtcd.Server other = run.servers.start(2);
        KubeClient viaOther = run.client(other);

        run.fleet(List.of(other, paused), SimulatedRuntime.Config.defaults(), NODES);
        RecordingClient deployer = run.deployer(other);
        RecordingWatcher pods = run.watcher("pods", other, LeaderFaultRun.PODS);
        RecordingWatcher daemonSets = run.watcher("daemonsets", other, LeaderFaultRun.DAEMON_SETS);
        LeaderFaultRun.awaitWatching(pods, daemonSets);

        // The first server leads: its controllers make the pods of a first DaemonSet.
        Operation before =
                deployer.create(LeaderFaultRun.DAEMON_SETS, "default", RolloutObjects.daemonSet("before", 1, 0));
        assertThat(before.outcome()).isInstanceOf(Outcome.Acknowledged.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> RolloutObjects.settled(viaOther, "before", 1, NODES));

        paused.pause();
        await().atMost(ServersOnEtcd.LEASE.plus(Duration.ofSeconds(45)))
                .until(() -> ServersOnEtcd.holdsBoth(viaOther, other));
        Instant[] taken = acquired(viaOther);

        // While the first is stopped the second leads: it rolls the first DaemonSet to a new image.
        assertThat(deployer.update(
                                LeaderFaultRun.DAEMON_SETS,
                                "default",
                                "before",
                                LeaderFaultRun.withImage(before, "fluentd:v2"))
                        .outcome())
                .isInstanceOf(Outcome.Acknowledged.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> RolloutObjects.settled(viaOther, "before", 2, NODES));

        // Continued, the first server's controllers wake to work they would do, had they not been fenced.
        paused.resume();
        assertThat(deployer.create(LeaderFaultRun.DAEMON_SETS, "default", RolloutObjects.daemonSet("after", 1, 0))
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
        System.out.println("history: " + run.history.summary());
        assertThat(HistoryChecker.sharedKeys().check(run.history)).isEmpty();
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

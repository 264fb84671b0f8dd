package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.SimulatedRuntime;
import io.everynode.client.KubeClient;
import io.everynode.testkit.history.History;
import io.everynode.testkit.history.HistoryChecker;
import io.everynode.testkit.history.Operation;
import io.everynode.testkit.history.Outcome;
import io.everynode.testkit.history.RecordingClient;
import io.everynode.testkit.history.RecordingWatcher;
import io.everynode.testkit.history.Violation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Three {@code everynode server} JVMs on a 3-member etcd, 20 simulated nodes calling all three
 * (the leader last), a DaemonSet rolling update with maxSurge 2 (maxUnavailable 0: upstream allows
 * no surge beside a non-zero maxUnavailable), and the
 * leader killed with {@code kill -9} mid-rollout. Another server takes both Leases once the dead
 * one's lapse, the rollout completes, and the history recorded on the two survivors (the
 * DaemonSet's writes on one, a pods watcher on each, a DaemonSets watcher) passes the checker:
 * no acknowledged write lost, every watch in order without gaps, the budget kept on every node at
 * every revision, across the change of leader.
 */
class LeaderKillRolloutHistoryIT {
    private static final int NODES = 20;

    @TempDir
    Path dir;

    @AutoClose
    LeaderFaultRun run;

    @Test
    void aLeaderKilledMidRolloutIsReplacedWithinItsLeaseAndTheRolloutCompletesWithinItsBudget() throws Exception {
        run = LeaderFaultRun.onEtcd(dir, 3);
        // The first server takes both Leases before the others start, so the leader is known.
        ServersOnEtcd.Server first = run.leader(1);
        List<ServersOnEtcd.Server> others = run.servers.startTogether(2, 3);
        ServersOnEtcd.Server second = others.get(0);
        ServersOnEtcd.Server third = others.get(1);
        KubeClient survivor = run.client(second);

        // The agents call the survivors first: with the leader first, its kill left the fleet's pod
        // informer without pods' updates and the rollout stalled (old pods being deleted for
        // minutes), an agent-side failover finding of its own, reported apart.
        run.fleet(List.of(second, third, first), slowEnoughToKillMidRollout(), NODES);

        RecordingClient deployer = run.deployer(second);
        RecordingWatcher podsOnSecond = run.watcher("pods-on-2", second, LeaderFaultRun.PODS);
        RecordingWatcher podsOnThird = run.watcher("pods-on-3", third, LeaderFaultRun.PODS);
        RecordingWatcher daemonSets = run.watcher("daemonsets-on-3", third, LeaderFaultRun.DAEMON_SETS);
        LeaderFaultRun.awaitWatching(podsOnSecond, podsOnThird, daemonSets);

        Operation created =
                deployer.create(LeaderFaultRun.DAEMON_SETS, "default", RolloutObjects.daemonSet("logs", 0, 2));
        assertThat(created.outcome()).isInstanceOf(Outcome.Acknowledged.class);
        RolloutObjects.awaitSettled(survivor, "logs", 1, NODES, List.of(first, second, third));

        assertThat(deployer.update(
                                LeaderFaultRun.DAEMON_SETS,
                                "default",
                                "logs",
                                LeaderFaultRun.withImage(created, "fluentd:v2"))
                        .outcome())
                .isInstanceOf(Outcome.Acknowledged.class);

        // Mid-rollout: some nodes run the new template, not all.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> updated(survivor) >= 2);
        first.kill();
        long updatedAtKill = updated(survivor);
        Lease lastRenewal = ServersOnEtcd.lease(survivor, ServersOnEtcd.CONTROLLER_MANAGER);
        assertThat(lastRenewal.getSpec().getHolderIdentity()).isEqualTo(first.identity());
        assertThat(updatedAtKill).as("the kill came mid-rollout").isLessThan(NODES);

        // Another server takes both Leases, within the lease time plus the retry jitter and a
        // generous allowance for this loaded machine.
        await().atMost(ServersOnEtcd.LEASE.plus(Duration.ofSeconds(45)))
                .until(() -> takenOver(survivor, ServersOnEtcd.CONTROLLER_MANAGER, first, second, third)
                        && takenOver(survivor, ServersOnEtcd.SCHEDULER, first, second, third));
        Lease taken = ServersOnEtcd.lease(survivor, ServersOnEtcd.CONTROLLER_MANAGER);
        // Safety, not speed: the new holder acquired no earlier than a lease duration after the
        // dead one's last renewal (one machine, one clock).
        Instant renewed = lastRenewal.getSpec().getRenewTime().toInstant();
        Instant acquired = taken.getSpec().getAcquireTime().toInstant();
        assertThat(acquired).isAfterOrEqualTo(renewed.plus(ServersOnEtcd.LEASE));
        assertThat(taken.getSpec().getLeaseTransitions())
                .isGreaterThan(lastRenewal.getSpec().getLeaseTransitions());
        System.out.println("takeover: " + Duration.between(renewed, acquired).toMillis() + " ms after the last renewal,"
                + " at " + updatedAtKill + " of " + NODES + " nodes updated");

        RolloutObjects.awaitSettled(survivor, "logs", 2, NODES, List.of(first, second, third));
        assertThat(survivor.list(Pod.class, "default").items())
                .hasSize(NODES)
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
                        .isEqualTo("fluentd:v2"));

        RolloutObjects.finalListsSeenByTheWatchers(
                deployer, List.of(podsOnSecond, podsOnThird), daemonSets, "logs", "node-1");
        History history = run.history;
        System.out.println("history: " + history.summary());
        assertThat(HistoryChecker.sharedKeys().check(history)).isEmpty();
        // The same run read against maxSurge 1 breaks the budget: the budget was used, not unchecked.
        assertThat(HistoryChecker.sharedKeys().check(history.rewritten(o -> budget(o, "maxSurge", 1))))
                .extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("maxSurge is 1"));
    }

    /**
     * A pod is ready about half a second after it is bound, so the rollout's ten steps of two
     * nodes (maxSurge 2) take seconds: the kill comes with most of them still to go.
     */
    private static SimulatedRuntime.Config slowEnoughToKillMidRollout() {
        return new SimulatedRuntime.Config(
                Duration.ofMillis(200),
                Duration.ofMillis(200),
                Duration.ofMillis(100),
                Duration.ofSeconds(1),
                Duration.ofMillis(100));
    }

    /** Whether a server other than {@code dead} holds {@code lease}. */
    private static boolean takenOver(
            KubeClient via, String lease, ServersOnEtcd.Server dead, ServersOnEtcd.Server... all) {
        String holder = ServersOnEtcd.holder(via, lease);
        if (holder == null || holder.equals(dead.identity())) return false;
        for (ServersOnEtcd.Server s : all) if (s != dead && s.identity().equals(holder)) return true;
        return false;
    }

    /** Pods of the new template (image fluentd:v2). */
    private static long updated(KubeClient via) {
        return via.list(Pod.class, "default").items().stream()
                .filter(p ->
                        "fluentd:v2".equals(p.getSpec().getContainers().get(0).getImage()))
                .count();
    }

    /** {@code object} with {@code field} of its rolling update set to {@code value}, if it has one. */
    private static JsonNode budget(JsonNode object, String field, int value) {
        if (object.at("/spec/updateStrategy/rollingUpdate") instanceof ObjectNode rolling) rolling.put(field, value);
        return object;
    }
}

package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.api.json.Json;
import io.everynode.testkit.history.ApiResource;
import io.everynode.testkit.history.History;
import io.everynode.testkit.history.HistoryChecker;
import io.everynode.testkit.history.ListSnapshot;
import io.everynode.testkit.history.Operation;
import io.everynode.testkit.history.Outcome;
import io.everynode.testkit.history.RecordingClient;
import io.everynode.testkit.history.RecordingWatcher;
import io.everynode.testkit.history.Violation;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rolling update of a DaemonSet on 20 simulated nodes, recorded through the API server's HTTP
 * API (the DaemonSet's writes by a recording client, pods and DaemonSets by two recording
 * watchers) and checked afterwards by the history checker, its rollout budget rule included.
 */
class DaemonSetRolloutHistoryIT {
    private static final int NODES = 20;
    private static final ApiResource PODS = ApiResource.core("pods");
    private static final ApiResource DAEMON_SETS = ApiResource.apps("daemonsets");

    // A grace period far above a heartbeat's delay on a loaded machine: with TestCluster's 3 s a
    // late heartbeat made the node lifecycle mark a node's pods not ready (upstream's
    // MarkPodsNotReady), a change of budget no rollout made.
    private final TestCluster cluster = new TestCluster(Duration.ofSeconds(30));
    private final SimulatedFleet fleet = new SimulatedFleet(
            cluster.nodeClient("node-1"), cluster::nodeClient, Clock.systemUTC(), TestCluster.runtimeConfig());
    private final History history = new History();
    private final HttpClient http = HttpClient.newHttpClient();
    private final RecordingClient deployer =
            new RecordingClient("deployer", http, cluster::url, history, Duration.ofSeconds(30));
    private final RecordingWatcher pods = watcher("pods-watcher", PODS);
    private final RecordingWatcher daemonSets = watcher("daemonsets-watcher", DAEMON_SETS);

    private RecordingWatcher watcher(String name, ApiResource resource) {
        return new RecordingWatcher(name, http, cluster::url, resource, "default", history, Duration.ofMillis(100));
    }

    @AfterEach
    void tearDown() {
        pods.close();
        daemonSets.close();
        fleet.close();
        cluster.close();
    }

    @Test
    void aRollingUpdateWithMaxUnavailableTwoKeepsItsBudgetOnEveryNodeAtEveryRevision() {
        rollOut(new IntOrString(2), new IntOrString(0));

        // The same run read against maxUnavailable 1 breaks the budget: two nodes were down at once.
        assertThat(HistoryChecker.sharedKeys().check(history.rewritten(o -> budget(o, "maxUnavailable", 1))))
                .extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("more than maxUnavailable 1"));
    }

    @Test
    void aSurgingRollingUpdateWithMaxSurgeTwoKeepsItsBudgetOnEveryNodeAtEveryRevision() {
        rollOut(new IntOrString(0), new IntOrString(2));

        // The same run read against maxSurge 1 breaks the budget: two nodes ran two pods at once.
        assertThat(HistoryChecker.sharedKeys().check(history.rewritten(o -> budget(o, "maxSurge", 1))))
                .extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains("maxSurge is 1"));
    }

    /** {@code object} with {@code field} of its rolling update set to {@code value}, if it has one. */
    private static JsonNode budget(JsonNode object, String field, int value) {
        if (object.at("/spec/updateStrategy/rollingUpdate") instanceof ObjectNode rolling) rolling.put(field, value);
        return object;
    }

    private void rollOut(IntOrString maxUnavailable, IntOrString maxSurge) {
        for (int i = 1; i <= NODES; i++) fleet.add(TestCluster.agentConfig("node-" + i));
        pods.start();
        daemonSets.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> pods.delivered() > 0 && daemonSets.delivered() > 0);

        DaemonSet ds = TestCluster.daemonSet("logs");
        ds.getSpec()
                .setUpdateStrategy(new io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategyBuilder()
                        .withType("RollingUpdate")
                        .withNewRollingUpdate()
                        .withMaxUnavailable(maxUnavailable)
                        .withMaxSurge(maxSurge)
                        .endRollingUpdate()
                        .build());
        Operation created = deployer.create(DAEMON_SETS, "default", Json.string(ds));
        assertThat(created.outcome()).isInstanceOf(Outcome.Acknowledged.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> settled(1));

        ObjectNode update =
                (ObjectNode) ((Outcome.Acknowledged) created.outcome()).object().deepCopy();
        update.remove("status");
        ((ObjectNode) update.get("metadata")).remove("resourceVersion");
        ((ObjectNode) update.at("/spec/template/spec/containers/0")).put("image", "fluentd:v2");
        Operation updated = deployer.update(DAEMON_SETS, "default", "logs", update.toString());
        assertThat(updated.outcome()).isInstanceOf(Outcome.Acknowledged.class);
        await().atMost(Duration.ofSeconds(90)).until(() -> settled(2));
        assertThat(cluster.client.list(Pod.class, "default").items())
                .hasSize(NODES)
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
                        .isEqualTo("fluentd:v2"));

        finalListsSeenByTheWatchers();
        System.out.println("history: " + history.summary());
        assertThat(HistoryChecker.sharedKeys().check(history)).isEmpty();
    }

    /** Every node runs an available pod of template generation {@code generation}, none being deleted. */
    private boolean settled(long generation) {
        DaemonSet d = cluster.client.get(DaemonSet.class, "default", "logs");
        DaemonSetStatus s = d.getStatus();
        if (s == null || s.getObservedGeneration() == null || s.getObservedGeneration() < generation) return false;
        List<Pod> all = cluster.client.list(Pod.class, "default").items();
        return Integer.valueOf(NODES).equals(s.getUpdatedNumberScheduled())
                && Integer.valueOf(NODES).equals(s.getNumberAvailable())
                && all.size() == NODES
                && all.stream().allMatch(p -> p.getMetadata().getDeletionTimestamp() == null);
    }

    /**
     * Lists pods and DaemonSets, then writes once more in each watcher's scope (a pod of no
     * DaemonSet, an annotation) and waits until the watchers delivered those writes: the lists'
     * revisions are then within the watched history, so the checker replays it to them.
     */
    private void finalListsSeenByTheWatchers() {
        ListSnapshot podList = list(PODS);
        ListSnapshot dsList = list(DAEMON_SETS);
        Operation sentinelPod = deployer.create(
                PODS,
                "default",
                Json.string(TestCluster.pod("sentinel", "node-1").build()));
        ObjectNode ds = (ObjectNode)
                dsList.items().get("daemonsets/default/logs").object().deepCopy();
        ds.remove("status");
        ds.put("apiVersion", "apps/v1").put("kind", "DaemonSet");
        ((ObjectNode) ds.get("metadata")).remove("resourceVersion");
        ((ObjectNode) ds.get("metadata")).putObject("annotations").put("history", "sentinel");
        Operation sentinelDs = deployer.update(DAEMON_SETS, "default", "logs", ds.toString());
        long podRevision = ((Outcome.Acknowledged) sentinelPod.outcome()).revision();
        long dsRevision = ((Outcome.Acknowledged) sentinelDs.outcome()).revision();
        assertThat(podRevision).isGreaterThan(podList.revision());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> pods.delivered() >= podRevision && daemonSets.delivered() >= dsRevision);
    }

    private ListSnapshot list(ApiResource resource) {
        try {
            return deployer.list(resource, "default");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

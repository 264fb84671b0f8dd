package io.everynode.advisor.why;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.AgentConfig;
import io.everynode.client.KubeClient;
import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * E4.1 partition, E4.2 update selector and E3.1 pause driven with the real kubectl against a
 * control plane in process with simulated nodes, and {@code why} naming each hold. One fleet for
 * the class; each test has its own DaemonSet on its own pool of nodes.
 */
class PartitionSelectorPauseIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final SimulatedCluster CLUSTER = new SimulatedCluster(SimulatedCluster.quick());

    @TempDir
    static Path dir;

    private static KubeClient client;
    private static Kubectl kubectl;

    @BeforeAll
    static void fleet() throws Exception {
        client = CLUSTER.client();
        kubectl = CLUSTER.kubectl(dir.resolve("kubectl"));
        for (String pool : List.of("part", "sel", "pause")) {
            for (int i = 1; i <= 3; i++) {
                CLUSTER.fleet()
                        .add(AgentConfig.defaults(pool + "-" + i)
                                .withReportInterval(Duration.ofMillis(500))
                                .withLabels(Map.of("pool", pool, "tier", i == 1 ? "canary" : "main")));
            }
        }
    }

    @Test
    void aPartitionedRolloutStopsAtThePartitionAndContinuesWhenItIsLowered() {
        apply("part", Map.of("everynode.io/partition", "2"));
        kubectl.ok("set", "image", "ds/part", "main=registry.example/part:2.0");

        awaitUpdated("part", Set.of("part-3"));
        Answer held = awaitReason("part", "part-1", Reason.PARTITION);
        assertThat(held.message()).isEqualTo("old revision kept: partition 2: 2 of 3 nodes keep the old revision");
        assertThat(kubectl.ok("get", "ds", "part", "-o", "jsonpath={.status.updatedNumberScheduled}"))
                .isEqualTo("1");
        System.out.println(AnswerText.table(
                new WhyAnswers().answer(new WhyReader(client, Clock.systemUTC()).read("default", "part"), null)));

        kubectl.ok("annotate", "--overwrite", "ds/part", "everynode.io/partition=0");

        awaitUpdated("part", Set.of("part-1", "part-2", "part-3"));
    }

    @Test
    void anUpdateSelectorCanaryUpdatesOnlyTheCanaryPool() {
        apply("sel", Map.of("everynode.io/update-selector", "tier=canary"));
        kubectl.ok("set", "image", "ds/sel", "main=registry.example/sel:2.0");

        awaitUpdated("sel", Set.of("sel-1"));
        assertThat(awaitReason("sel", "sel-2", Reason.UPDATE_SELECTOR).message())
                .isEqualTo("old revision kept: update selector tier=canary does not match this node's labels");
        assertThat(updated("sel")).containsExactly("sel-1");
    }

    @Test
    void aPausedRolloutReplacesNothingAndWhySaysPausedUntilResumed() {
        apply("pause", Map.of());
        kubectl.ok("annotate", "ds/pause", "everynode.io/paused=true");
        kubectl.ok("set", "image", "ds/pause", "main=registry.example/pause:2.0");

        Answer paused = awaitReason("pause", "pause-2", Reason.PAUSED);
        assertThat(paused.message()).isEqualTo("old revision kept: rollout paused (everynode.io/paused=true)");
        assertThat(AnswerText.table(new WhyAnswers()
                        .answer(new WhyReader(client, Clock.systemUTC()).read("default", "pause"), null)))
                .contains("Paused");
        assertThat(updated("pause")).isEmpty();

        kubectl.ok("annotate", "ds/pause", "everynode.io/paused-");

        awaitUpdated("pause", Set.of("pause-1", "pause-2", "pause-3"));
    }

    @Test
    void aStagesAnnotationThatDoesNotParseIsRefusedWithItsPathAndNothingIsCreated() {
        var result = kubectl.runWithInput("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: bad-stages
                  namespace: default
                  annotations:
                    everynode.io/stages: '[{"name":"canary","soakSeconds":"10m"}]'
                spec:
                  selector:
                    matchLabels: {app: bad-stages}
                  template:
                    metadata:
                      labels: {app: bad-stages}
                    spec:
                      containers:
                      - name: main
                        image: registry.example/bad:1.0
                """, "apply", "-f", "-");
        System.out.println(result.err());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err())
                .contains("metadata.annotations[everynode.io/stages]: Invalid value:")
                .contains("[0].soakSeconds: must be a whole number of seconds from 0 to 31622400");
        assertThat(kubectl.run("get", "ds", "bad-stages").exitCode()).isNotZero();
    }

    /** kubectl apply of a DaemonSet on {@code pool}, maxUnavailable 1, then waits until every node runs it. */
    private static void apply(String name, Map<String, String> annotations) {
        StringBuilder a = new StringBuilder();
        annotations.forEach(
                (k, v) -> a.append("    ").append(k).append(": \"").append(v).append("\"\n"));
        kubectl.apply("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: %s
                  namespace: default
                  annotations:
                %s    note: "issue 15"
                spec:
                  selector:
                    matchLabels: {app: %s}
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate: {maxUnavailable: 1}
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      nodeSelector: {pool: %s}
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: main
                        image: registry.example/%s:1.0
                """.formatted(name, a, name, name, name, name));
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            DaemonSet ds = client.get(DaemonSet.class, "default", name);
            assertThat(ds.getStatus().getNumberAvailable()).isEqualTo(3);
            assertThat(ds.getStatus().getUpdatedNumberScheduled()).isEqualTo(3);
        });
    }

    /** Waits until exactly {@code nodes} run a ready pod of the current revision and the others a ready old one. */
    private static void awaitUpdated(String name, Set<String> nodes) {
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .alias(name + " updated on " + nodes)
                .untilAsserted(() -> {
                    assertThat(updated(name)).isEqualTo(new TreeSet<>(nodes));
                    assertThat(client.get(DaemonSet.class, "default", name)
                                    .getStatus()
                                    .getNumberAvailable())
                            .isEqualTo(3);
                });
    }

    /** Nodes with a ready, not terminating pod of the current revision. */
    private static Set<String> updated(String name) {
        DaemonSet ds = client.get(DaemonSet.class, "default", name);
        String hash = DaemonSetFacts.currentHash(ds);
        Set<String> out = new TreeSet<>();
        for (Pod p : client.list(Pod.class, "default").items()) {
            if (p.getMetadata().getName().startsWith(name + "-")
                    && p.getMetadata().getDeletionTimestamp() == null
                    && hash.equals(p.getMetadata().getLabels().get(DaemonSetFacts.HASH_LABEL))
                    && PodAnswers.ready(p)) {
                out.add(DaemonSetFacts.targetNode(p));
            }
        }
        return out;
    }

    private static Answer awaitReason(String ds, String node, Reason reason) {
        return CLUSTER.awaitReason(ds, node, reason, WAIT);
    }
}

package io.everynode.advisor.why;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.client.KubeClient;
import io.everynode.client.WatchEvent;
import io.everynode.client.WatchHandle;
import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * E5: a staged rollout over three pools on 100 simulated nodes, started with the real kubectl. A
 * pod watch replays the rollout and checks after EVERY pod event that no more than maxUnavailable
 * nodes lack an available pod and that no node of a later stage got a new pod before every node
 * of the earlier stages ran an available new one; the soak times are checked from the times the
 * API recorded (the stage's completion in the RolloutStage condition, the pods' creation), no
 * timing thresholds. Seconds, not minutes: soaks of 2 s, pods ready in a fraction of one.
 */
class StagedRolloutIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int MAX_UNAVAILABLE = 10;
    private static final int SOAK = 2;
    private static final List<String> POOLS = List.of("canary", "wave", "rest");
    private static final Map<String, Integer> SIZES = Map.of("canary", 5, "wave", 25, "rest", 70);

    @RegisterExtension
    static final SimulatedCluster CLUSTER = new SimulatedCluster(new SimulatedRuntime.Config(
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Duration.ofMillis(50)));

    @TempDir
    static Path dir;

    private static KubeClient client;
    private static Kubectl kubectl;

    @BeforeAll
    static void hundredNodes() throws Exception {
        client = CLUSTER.client();
        kubectl = CLUSTER.kubectl(dir.resolve("kubectl"));
        List<AgentConfig> nodes = new ArrayList<>();
        for (String pool : POOLS) {
            for (int i = 0; i < SIZES.get(pool); i++) {
                nodes.add(AgentConfig.defaults(String.format("%s-%02d", pool, i))
                        .withReportInterval(Duration.ofSeconds(2))
                        .withLabels(Map.of("pool", pool)));
            }
        }
        CLUSTER.fleet().addAll(nodes, 4);
    }

    @Test
    void aStagedRolloutOverThreePoolsHonoursEveryBudgetAndItsSoakTimes() throws Exception {
        kubectl.apply(manifest("registry.example/agent:1.0"));
        awaitStagesComplete(null);
        DaemonSet before = client.get(DaemonSet.class, "default", "agent");
        String oldHash = DaemonSetFacts.currentHash(before);
        Recorder recorder = new Recorder(oldHash);
        var pods = client.list(Pod.class, "default");
        pods.items().forEach(recorder::seed);
        Map<String, Instant> soaking = new ConcurrentHashMap<>(); // stage name → completion, as stored
        WatchHandle podWatch = client.watch(
                Pod.class,
                "default",
                new ListOptionsBuilder()
                        .withResourceVersion(pods.resourceVersion())
                        .build(),
                recorder::onEvent);
        WatchHandle dsWatch = client.watch(
                DaemonSet.class,
                "default",
                new ListOptionsBuilder()
                        .withResourceVersion(before.getMetadata().getResourceVersion())
                        .build(),
                e -> stage(e.object()).ifPresent(c -> {
                    if ("StageSoaking".equals(c.getReason()) && !c.getMessage().contains(oldHash)) {
                        soaking.putIfAbsent(
                                c.getMessage().substring(7, c.getMessage().indexOf('"', 7)),
                                Instant.parse(c.getLastTransitionTime()));
                    }
                }));
        try {
            kubectl.ok("set", "image", "ds/agent", "main=registry.example/agent:2.0");

            String newHash = awaitStagesComplete(oldHash);
            await().atMost(WAIT).until(() -> recorder.newAndReady() == 100);

            assertThat(recorder.violations).isEmpty();
            assertThat(recorder.events).isGreaterThanOrEqualTo(200); // each node: at least a delete and a create
            assertThat(soaking).containsOnlyKeys("canary", "wave");
            // E5.3: stage k+1's first new pod was created no earlier than stage k completed plus its soak.
            assertThat(recorder.firstCreated("wave"))
                    .isAfterOrEqualTo(soaking.get("canary").plusSeconds(SOAK));
            assertThat(recorder.firstCreated("rest"))
                    .isAfterOrEqualTo(soaking.get("wave").plusSeconds(SOAK));
            assertThat(recorder.firstCreated("canary")).isBeforeOrEqualTo(soaking.get("canary")); // whole seconds
            assertThat(newHash).isNotEqualTo(oldHash);
        } finally {
            podWatch.close();
            dsWatch.close();
        }
        String events = kubectl.ok(
                "get", "events", "--field-selector", "involvedObject.name=agent", "--sort-by=.lastTimestamp");
        System.out.println(events);
        assertThat(events).contains("StageStarted", "StageCompleted");
    }

    private static Optional<DaemonSetCondition> stage(DaemonSet ds) {
        if (ds.getStatus() == null || ds.getStatus().getConditions() == null) return Optional.empty();
        return ds.getStatus().getConditions().stream()
                .filter(c -> "RolloutStage".equals(c.getType()))
                .findFirst();
    }

    /** Waits until every stage of a revision other than {@code notHash} completed and all pods run it; its hash. */
    private static String awaitStagesComplete(String notHash) {
        String[] hash = new String[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            DaemonSet ds = client.get(DaemonSet.class, "default", "agent");
            hash[0] = DaemonSetFacts.currentHash(ds);
            assertThat(hash[0]).isNotEqualTo(notHash);
            assertThat(stage(ds))
                    .hasValueSatisfying(c ->
                            assertThat(c.getMessage()).isEqualTo("all 3 stages of revision " + hash[0] + " completed"));
            assertThat(ds.getStatus().getUpdatedNumberScheduled()).isEqualTo(100);
            assertThat(ds.getStatus().getNumberAvailable()).isEqualTo(100);
        });
        return hash[0];
    }

    private static String manifest(String image) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                  namespace: default
                  annotations:
                    everynode.io/stages: >-
                      [{"name":"canary","selector":"pool=canary","soakSeconds":%d},
                      {"name":"wave","selector":"pool=wave","soakSeconds":%d},
                      {"name":"rest"}]
                spec:
                  selector:
                    matchLabels: {app: agent}
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate: {maxUnavailable: %d}
                  template:
                    metadata:
                      labels: {app: agent}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: main
                        image: %s
                """.formatted(SOAK, SOAK, MAX_UNAVAILABLE, image);
    }

    /** Replays the pods from the watch and checks the budget and the stage order after every event. */
    private static final class Recorder {
        final String oldHash;
        final Map<String, Pod> pods = new HashMap<>();
        final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Instant> firstCreated = new ConcurrentHashMap<>();
        volatile int events;

        Recorder(String oldHash) {
            this.oldHash = oldHash;
        }

        synchronized void seed(Pod p) {
            pods.put(p.getMetadata().getName(), p);
        }

        synchronized void onEvent(WatchEvent<Pod> e) {
            if (e.type() == WatchEvent.Type.BOOKMARK) return;
            events++;
            Pod p = e.object();
            if (e.type() == WatchEvent.Type.DELETED) pods.remove(p.getMetadata().getName());
            else pods.put(p.getMetadata().getName(), p);
            if (isNew(p) && e.type() == WatchEvent.Type.ADDED) {
                firstCreated.putIfAbsent(
                        pool(DaemonSetFacts.targetNode(p)),
                        Instant.parse(p.getMetadata().getCreationTimestamp()));
            }
            check(e);
        }

        private void check(WatchEvent<Pod> e) {
            Map<String, Boolean> available = new HashMap<>(); // node → has a ready, not terminating pod
            Map<String, Boolean> done = new HashMap<>(); // node → has a ready new pod
            Map<String, Boolean> updated = new HashMap<>(); // node → has a new pod
            for (Pod p : pods.values()) {
                String node = DaemonSetFacts.targetNode(p);
                boolean live = p.getMetadata().getDeletionTimestamp() == null;
                boolean ready = live && PodAnswers.ready(p);
                available.merge(node, ready, Boolean::logicalOr);
                if (isNew(p) && live) {
                    updated.put(node, true);
                    done.merge(node, ready, Boolean::logicalOr);
                }
            }
            long unavailable = 100 - available.values().stream().filter(b -> b).count();
            String at = e.type() + " " + e.object().getMetadata().getName();
            if (unavailable > MAX_UNAVAILABLE) {
                violations.add(at + ": " + unavailable + " nodes unavailable, maxUnavailable " + MAX_UNAVAILABLE);
            }
            for (String node : updated.keySet()) {
                int stage = POOLS.indexOf(pool(node));
                for (int earlier = 0; earlier < stage; earlier++) {
                    String pool = POOLS.get(earlier);
                    for (int i = 0; i < SIZES.get(pool); i++) {
                        String other = String.format("%s-%02d", pool, i);
                        if (!done.getOrDefault(other, false)) {
                            violations.add(at + ": " + node + " (stage " + pool(node) + ") updated while " + other
                                    + " of stage " + pool + " runs no available new pod");
                            return;
                        }
                    }
                }
            }
        }

        synchronized long newAndReady() {
            return pods.values().stream()
                    .filter(p -> isNew(p) && p.getMetadata().getDeletionTimestamp() == null && PodAnswers.ready(p))
                    .count();
        }

        Instant firstCreated(String pool) {
            return firstCreated.get(pool);
        }

        private boolean isNew(Pod p) {
            return !oldHash.equals(p.getMetadata().getLabels().get(DaemonSetFacts.HASH_LABEL));
        }

        private static String pool(String node) {
            return node.substring(0, node.indexOf('-'));
        }
    }
}

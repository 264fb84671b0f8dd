package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * E3.1–E3.6 with the real kubectl on {@code up}'s simulated nodes: pause and resume by
 * {@code kubectl annotate}; a rollout to crashing pods (the simulated runtime's fail annotation)
 * trips auto-pause after K=2 pods and auto-revert restores the last fully available revision,
 * while the healthy old pods keep their uid and restart count. minReadySeconds 5: a crashing pod
 * is Ready for under a second, so it never counts as available and the budget holds the rollout at
 * two new pods.
 *
 * <p>The tests wait on minReadySeconds and crash back-offs, each on a DaemonSet of its own whose
 * events and revisions no other test reads: they run side by side.
 */
@Execution(ExecutionMode.CONCURRENT)
class RolloutGuardIT {
    static GuideCluster cluster;
    /** Crash back-off and the revert's replacements take tens of seconds on a loaded machine. */
    static final Duration SLOW = Duration.ofSeconds(120);

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        cluster = GuideCluster.up(4, dir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    static String agent(String name, String annotations) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: NAME
                  annotations: {ANNOTATIONS}
                spec:
                  selector:
                    matchLabels: {app: NAME}
                  minReadySeconds: 5
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate: {maxUnavailable: 2}
                  template:
                    metadata:
                      labels: {app: NAME}
                    spec:
                      containers:
                      - name: agent
                        image: everynode/demo-agent:1
                """.replace("NAME", name).replace("ANNOTATIONS", annotations);
    }

    @Test
    void aPausedRolloutReplacesNothingUntilTheAnnotationIsRemoved() {
        cluster.apply(agent("paused", ""));
        cluster.kubectl("rollout", "status", "ds/paused", "--timeout=90s");
        cluster.kubectl("annotate", "ds/paused", "everynode.io/paused=true");
        cluster.kubectl("set", "image", "ds/paused", "agent=everynode/demo-agent:2");

        await().atMost(SLOW).untilAsserted(() -> {
            assertThat(field("paused", "{.status.conditions[?(@.type==\"Progressing\")].reason}"))
                    .isEqualTo("DaemonSetPaused");
            assertThat(field("paused", "{.status.observedGeneration}"))
                    .isEqualTo(field("paused", "{.metadata.generation}"));
        });
        assertThat(field("paused", "{.status.updatedNumberScheduled}")).isEqualTo("0");
        assertThat(field("paused", "{.status.numberAvailable}")).isEqualTo("4");

        cluster.kubectl("annotate", "ds/paused", "everynode.io/paused-");
        cluster.kubectl("rollout", "status", "ds/paused", "--timeout=90s");
        assertThat(field("paused", "{.status.updatedNumberScheduled}")).isEqualTo("4");
        assertThat(cluster.kubectl("get", "events", "--field-selector", "reason=RolloutResumed", "-o", "name"))
                .isNotBlank();
    }

    @Test
    void unreadableGuardAnnotationsAreRefusedWithTheAnnotationNamedAndNothingIsWritten() {
        Kubectl.Result create = cluster.kubectl.runWithInput(
                agent("strict", "everynode.io/auto-pause-after: \"two\""), "apply", "-f", "-");
        assertThat(create.exitCode()).isEqualTo(1);
        assertThat(create.err())
                .contains("The DaemonSet \"strict\" is invalid: metadata.annotations[everynode.io/auto-pause-after]:"
                        + " Invalid value: \"two\": must be a whole number of pods from 1 to 100000");
        assertThat(cluster.kubectl.run("get", "ds", "strict").exitCode())
                .as("nothing was written")
                .isEqualTo(1);

        cluster.apply(agent("strict", "everynode.io/auto-pause-after: \"2\""));
        Kubectl.Result annotate = cluster.kubectl.run("annotate", "ds/strict", "everynode.io/paused=yes");
        assertThat(annotate.exitCode()).isEqualTo(1);
        assertThat(annotate.err())
                .contains("metadata.annotations[everynode.io/paused]: Invalid value: \"yes\": must be \"true\" or"
                        + " \"false\"");
        assertThat(field("strict", "{.metadata.annotations}")).doesNotContain("everynode.io/paused");
    }

    @Test
    void aCrashingRevisionTripsAutoPauseAndAutoRevertRestartsNoHealthyPod() {
        cluster.apply(agent("guarded", "everynode.io/auto-pause-after: \"2\", everynode.io/auto-revert: \"true\""));
        cluster.kubectl("rollout", "status", "ds/guarded", "--timeout=90s");
        await().atMost(SLOW)
                .untilAsserted(() -> assertThat(cluster.kubectl(
                                "get",
                                "controllerrevisions",
                                "-l",
                                "app=guarded",
                                "-o",
                                "jsonpath={.items[*].metadata.annotations.everynode\\.io/fully-available}"))
                        .isNotBlank());
        Map<String, String> before = uidsAndRestarts();
        assertThat(before).hasSize(4);

        cluster.kubectl(
                "patch",
                "ds/guarded",
                "--type=merge",
                "-p",
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"everynode.io/simulate-fail\":\"true\"}},"
                        + "\"spec\":{\"containers\":[{\"name\":\"agent\",\"image\":\"everynode/demo-agent:2\"}]}}}}");

        await().atMost(SLOW)
                .untilAsserted(
                        () -> assertThat(field("guarded", "{.metadata.annotations.everynode\\.io/auto-reverted-from}"))
                                .isNotBlank());
        assertThat(field("guarded", "{.spec.template.spec.containers[0].image}"))
                .isEqualTo("everynode/demo-agent:1");
        String event = cluster.kubectl(
                "get", "events", "--field-selector", "reason=AutoReverted", "-o", "jsonpath={.items[*].message}");
        assertThat(event).contains("2 new pods failing (threshold 2)").contains(" on node ");

        await().atMost(SLOW).untilAsserted(() -> {
            assertThat(field("guarded", "{.status.updatedNumberScheduled}")).isEqualTo("4");
            assertThat(field("guarded", "{.status.numberAvailable}")).isEqualTo("4");
            assertThat(cluster.pods("default", "app=guarded")).hasSize(4);
        });
        Map<String, String> after = uidsAndRestarts();
        long kept = before.entrySet().stream()
                .filter(e -> e.getValue().equals(after.get(e.getKey())))
                .count();
        assertThat(kept)
                .as("the two healthy old pods: same uid, same restart count")
                .isEqualTo(2);
    }

    private static String field(String ds, String jsonpath) {
        return cluster.kubectl("get", "ds", ds, "-o", "jsonpath=" + jsonpath);
    }

    /** Pod uid → "uid/restarts" of the DaemonSet's pods. */
    private static Map<String, String> uidsAndRestarts() {
        Map<String, String> out = new TreeMap<>();
        for (Pod p : cluster.pods("default", "app=guarded")) {
            int restarts = p.getStatus().getContainerStatuses() == null
                    ? 0
                    : p.getStatus().getContainerStatuses().stream()
                            .mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount())
                            .sum();
            out.put(p.getMetadata().getUid(), p.getMetadata().getUid() + "/" + restarts);
        }
        return out;
    }
}

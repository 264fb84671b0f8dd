package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E6.1–E6.4 with the real kubectl on {@code up}'s simulated nodes: under
 * {@code everynode.io/rolling-update-type: InPlaceIfPossible}, {@code kubectl set image} keeps
 * every pod's name, uid and IP and restarts only the changed container, one node at a time
 * (maxUnavailable 1); {@code kubectl set env} recreates the pods; a preDelete hook's label holds a
 * pod's deletion until {@code kubectl label} removes it. One cluster of three nodes for the class.
 */
class InPlaceUpdateIT {
    static GuideCluster cluster;
    static final Duration SLOW = Duration.ofSeconds(120);

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        cluster = GuideCluster.up(3, dir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    static String agent(String name, String annotations, String templateLabels) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: NAME
                  annotations: {everynode.io/rolling-update-type: InPlaceIfPossible ANNOTATIONS}
                spec:
                  selector:
                    matchLabels: {app: NAME}
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate: {maxUnavailable: 1}
                  template:
                    metadata:
                      labels: {app: NAME LABELS}
                    spec:
                      containers:
                      - name: agent
                        image: everynode/demo-agent:1
                      - name: sidecar
                        image: everynode/demo-agent:1
                """.replace("NAME", name).replace("ANNOTATIONS", annotations).replace("LABELS", templateLabels);
    }

    @Test
    void setImageUpdatesEveryPodInPlaceOneNodeAtATime() {
        cluster.apply(agent("inplace", "", ""));
        cluster.kubectl("rollout", "status", "ds/inplace", "--timeout=90s");
        Map<String, String> before = identities("inplace");
        Map<String, String> sidecarStarts = starts("inplace", "sidecar");
        assertThat(before).hasSize(3);
        show("get", "pods", "-l", "app=inplace", "-o", COLUMNS);

        show("set", "image", "ds/inplace", "agent=everynode/demo-agent:2");
        AtomicInteger mostUnready = new AtomicInteger();
        await().atMost(SLOW).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<Pod> pods = cluster.pods("default", "app=inplace");
            int unready =
                    (int) pods.stream().filter(p -> !GuideCluster.ready(p)).count();
            mostUnready.accumulateAndGet(unready, Math::max);
            assertThat(pods).allSatisfy(p -> {
                assertThat(image(p, "agent")).isEqualTo("everynode/demo-agent:2");
                assertThat(GuideCluster.ready(p)).isTrue();
            });
            assertThat(field("inplace", "{.status.updatedNumberScheduled}")).isEqualTo("3");
            assertThat(field("inplace", "{.status.numberAvailable}")).isEqualTo("3");
        });
        show("rollout", "status", "ds/inplace", "--timeout=30s");
        show("get", "pods", "-l", "app=inplace", "-o", COLUMNS);

        assertThat(identities("inplace")).as("same names, uids and IPs").isEqualTo(before);
        assertThat(starts("inplace", "sidecar"))
                .as("the sidecar never restarted")
                .isEqualTo(sidecarStarts);
        for (Pod p : cluster.pods("default", "app=inplace")) {
            assertThat(status(p, "agent").getRestartCount()).isEqualTo(1);
            assertThat(status(p, "sidecar").getRestartCount()).isZero();
        }
        assertThat(mostUnready.get()).as("maxUnavailable 1 as sampled").isLessThanOrEqualTo(1);
        assertThat(show(
                        "get",
                        "events",
                        "--field-selector",
                        "reason=SuccessfulUpdatePodInPlace,involvedObject.name=inplace",
                        "-o",
                        "custom-columns=REASON:.reason,MESSAGE:.message"))
                .contains("successfully update pod");
    }

    @Test
    void aChangeBeyondTheImageRecreatesThePods() {
        cluster.apply(agent("recreated", "", ""));
        cluster.kubectl("rollout", "status", "ds/recreated", "--timeout=90s");
        Map<String, String> before = identities("recreated");

        cluster.kubectl("set", "env", "ds/recreated", "-c", "agent", "LEVEL=debug");
        cluster.kubectl("rollout", "status", "ds/recreated", "--timeout=90s");
        await().atMost(SLOW).until(() -> identities("recreated").size() == 3);
        assertThat(identities("recreated").keySet()).doesNotContainAnyElementsOf(before.keySet());
    }

    @Test
    void aPreDeleteHookLabelHoldsThePodsDeletionUntilItIsRemoved() {
        cluster.apply(agent(
                "hooked",
                ", everynode.io/lifecycle: '{\"preDelete\":{\"labelsHandler\":{\"example.io/block-deleting\":\"true\"}}}'",
                ", example.io/block-deleting: \"true\""));
        cluster.kubectl("rollout", "status", "ds/hooked", "--timeout=90s");
        Map<String, String> before = identities("hooked");

        show("set", "env", "ds/hooked", "-c", "agent", "LEVEL=debug");
        await().atMost(SLOW)
                .untilAsserted(() -> assertThat(cluster.kubectl(
                                "get",
                                "pods",
                                "-l",
                                "app=hooked,lifecycle.apps.kruise.io/state=PreparingDelete",
                                "-o",
                                "name"))
                        .isNotBlank());
        String held = cluster.kubectl(
                        "get",
                        "pods",
                        "-l",
                        "app=hooked,lifecycle.apps.kruise.io/state=PreparingDelete",
                        "-o",
                        "jsonpath={.items[0].metadata.name}")
                .trim();
        assertThat(cluster.pod("default", held).orElseThrow().getMetadata().getDeletionTimestamp())
                .isNull();
        assertThat(identities("hooked")).isEqualTo(before);
        show("get", "pods", "-l", "app=hooked", "-L", "lifecycle.apps.kruise.io/state,example.io/block-deleting");

        show("label", "pod", held, "example.io/block-deleting-");
        await().atMost(SLOW).until(() -> cluster.pod("default", held).isEmpty());
        show("get", "pods", "-l", "app=hooked", "-L", "lifecycle.apps.kruise.io/state,example.io/block-deleting");
    }

    /** What the README shows: name, node, IP, the agent container's image and restarts. */
    static final String COLUMNS = "custom-columns=NAME:.metadata.name,UID:.metadata.uid,IP:.status.podIP,"
            + "IMAGE:.spec.containers[0].image,RESTARTS:.status.containerStatuses[0].restartCount,"
            + "SIDECAR-RESTARTS:.status.containerStatuses[1].restartCount";

    /** Runs kubectl and prints the command and its output (the README's transcript). */
    private static String show(String... args) {
        String out = cluster.kubectl(args);
        System.out.println("transcript> $ kubectl " + String.join(" ", args) + "\n" + out);
        return out;
    }

    private static String field(String ds, String jsonpath) {
        return cluster.kubectl("get", "ds", ds, "-o", "jsonpath=" + jsonpath);
    }

    /** Pod name → "uid ip" of the DaemonSet's pods. */
    private static Map<String, String> identities(String app) {
        return cluster.pods("default", "app=" + app).stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .collect(Collectors.toMap(
                        p -> p.getMetadata().getName(),
                        p -> p.getMetadata().getUid() + " " + p.getStatus().getPodIP(),
                        (a, b) -> a,
                        TreeMap::new));
    }

    /** Pod name → the container's running start time. */
    private static Map<String, String> starts(String app, String container) {
        Map<String, String> out = new TreeMap<>();
        for (Pod p : cluster.pods("default", "app=" + app)) {
            ContainerStatus cs = status(p, container);
            out.put(p.getMetadata().getName(), cs.getState().getRunning().getStartedAt());
        }
        return out;
    }

    private static ContainerStatus status(Pod p, String container) {
        return p.getStatus().getContainerStatuses().stream()
                .filter(c -> container.equals(c.getName()))
                .findFirst()
                .orElseThrow();
    }

    private static String image(Pod p, String container) {
        return p.getStatus().getContainerStatuses() == null
                ? null
                : p.getStatus().getContainerStatuses().stream()
                        .filter(c -> container.equals(c.getName()))
                        .map(ContainerStatus::getImage)
                        .findFirst()
                        .orElse(null);
    }
}

package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.cli.Main;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * E7.x with the real kubectl on {@code up}'s simulated nodes: OpenKruise's own tutorial manifest
 * ({@code kruise/daemonset-guestbook.yaml}, as written) applied twice, one pod per node owned by
 * the {@code apps.kruise.io/v1alpha1} DaemonSet, the CRD's printer columns, a Standard image
 * rollout with {@code status.daemonSetHash}, an apps/v1 namesake that leaves those pods alone,
 * cascade delete; and a manifest the validation refuses with the field at fault. Then the kind's
 * own fields driving the rollout (E4.1 partition, E4.2 selector, E3.1 paused, E6.1
 * InPlaceIfPossible), each changed with {@code kubectl patch}, and {@code everynode why}, {@code
 * rollout status} and {@code plan} answering for it ({@code ads/NAME}) through its apps/v1 view.
 */
class AdvancedDaemonSetIT {
    static GuideCluster cluster;
    static Path dir;
    static final Duration SLOW = Duration.ofSeconds(120);
    static final String KIND = "daemonsets.apps.kruise.io";

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        cluster = GuideCluster.up(3, dir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void openKruisesTutorialManifestRunsOnEveryNodeRollsOutAndCascades() throws Exception {
        String manifest = manifest("kruise/daemonset-guestbook.yaml");
        assertThat(cluster.kubectl("apply", "-f", manifest)).contains("daemonset.apps.kruise.io/guestbook-ds created");
        assertThat(cluster.kubectl("apply", "-f", manifest))
                .contains("daemonset.apps.kruise.io/guestbook-ds unchanged");

        assertThat(cluster.kubectl("api-resources", "--api-group=apps.kruise.io", "--no-headers"))
                .containsPattern("daemonsets\\s+daemon,ads\\s+apps.kruise.io/v1alpha1\\s+true\\s+DaemonSet");
        await().atMost(SLOW)
                .untilAsserted(() -> assertThat(cluster.kubectl("get", KIND, "guestbook-ds"))
                        .containsPattern("NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE")
                        .containsPattern("guestbook-ds\\s+3\\s+3\\s+3\\s+3\\s+3\\s+"));
        assertThat(cluster.kubectl("get", "ads", "guestbook-ds", "-o", "wide"))
                .containsPattern("CONTAINERS\\s+IMAGES")
                .containsPattern("daemon\\s+openkruise/guestbook:v1");
        assertThat(cluster.kubectl("get", "ds", "-o", "name")).doesNotContain("guestbook-ds");

        List<Pod> pods = cluster.pods("default", "app=guestbook-daemon");
        assertThat(pods).hasSize(3);
        assertThat(pods)
                .allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences())
                        .singleElement()
                        .satisfies(r -> {
                            assertThat(r.getApiVersion()).isEqualTo("apps.kruise.io/v1alpha1");
                            assertThat(r.getKind()).isEqualTo("DaemonSet");
                            assertThat(r.getName()).isEqualTo("guestbook-ds");
                        }));
        assertThat(pods.stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet()))
                .hasSize(3);

        // as the tutorial's `kubectl edit` would (kubectl set image knows no custom kind)
        cluster.apply(Files.readString(Path.of(manifest)).replace("guestbook:v1", "guestbook:v2"));
        await().atMost(SLOW).untilAsserted(() -> {
            List<Pod> now = cluster.pods("default", "app=guestbook-daemon");
            assertThat(now)
                    .hasSize(3)
                    .allSatisfy(
                            p -> assertThat(p.getSpec().getContainers().get(0).getImage())
                                    .isEqualTo("openkruise/guestbook:v2"));
            String hash = field("{.status.daemonSetHash}");
            assertThat(now)
                    .allSatisfy(p ->
                            assertThat(p.getMetadata().getLabels()).containsEntry("controller-revision-hash", hash));
            assertThat(field("{.status.updatedNumberScheduled} {.status.numberAvailable}"))
                    .isEqualTo("3 3");
            assertThat(field("{.status.observedGeneration}")).isEqualTo(field("{.metadata.generation}"));
        });
        Set<String> advancedPods = names(cluster.pods("default", "app=guestbook-daemon"));

        // An apps/v1 namesake with the same selector: it runs pods of its own and takes none of these.
        cluster.apply("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: guestbook-ds}
                spec:
                  selector: {matchLabels: {app: guestbook-daemon}}
                  template:
                    metadata: {labels: {app: guestbook-daemon}}
                    spec:
                      containers: [{name: daemon, image: openkruise/guestbook:v1}]
                """);
        cluster.kubectl("rollout", "status", "ds/guestbook-ds", "--timeout=90s");
        await().atMost(SLOW)
                .untilAsserted(() -> assertThat(cluster.pods("default", "app=guestbook-daemon"))
                        .hasSize(6));
        assertThat(names(cluster.pods("default", "app=guestbook-daemon"))).containsAll(advancedPods);
        assertThat(field("{.status.numberAvailable}")).isEqualTo("3");

        cluster.kubectl("delete", KIND, "guestbook-ds");
        await().atMost(SLOW).untilAsserted(() -> {
            Set<String> left = names(cluster.pods("default", "app=guestbook-daemon"));
            assertThat(left).hasSize(3).doesNotContainAnyElementsOf(advancedPods);
        });
        assertThat(cluster.kubectl(
                        "get",
                        "controllerrevisions",
                        "-o",
                        "jsonpath={.items[*].metadata.ownerReferences[*].apiVersion}"))
                .doesNotContain("apps.kruise.io");
        cluster.kubectl("delete", "ds", "guestbook-ds");
    }

    @Test
    void aManifestWithAnUnknownRollingUpdateTypeIsRefusedWithTheFieldAtFault() {
        Kubectl.Result r = cluster.kubectl.runWithInput("""
                apiVersion: apps.kruise.io/v1alpha1
                kind: DaemonSet
                metadata: {name: refused}
                spec:
                  selector: {matchLabels: {app: refused}}
                  template:
                    metadata: {labels: {app: refused}}
                    spec:
                      containers: [{name: agent, image: everynode/demo-agent:1}]
                  updateStrategy:
                    rollingUpdate: {rollingUpdateType: Sideways, partition: -1}
                """, "apply", "-f", "-");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err())
                .contains("The DaemonSet \"refused\" is invalid")
                .contains("spec.updateStrategy.rollingUpdate.rollingUpdateType: Unsupported value: \"Sideways\"")
                .contains("spec.updateStrategy.rollingUpdate.partition: Invalid value: -1");
        assertThat(cluster.kubectl("get", KIND, "-o", "name")).doesNotContain("refused");
    }

    static final String FIELDED = """
            apiVersion: apps.kruise.io/v1alpha1
            kind: DaemonSet
            metadata: {name: fielded}
            spec:
              selector: {matchLabels: {app: fielded}}
              template:
                metadata: {labels: {app: fielded}}
                spec:
                  containers:
                  - {name: agent, image: everynode/demo-agent:1}
                  - {name: sidecar, image: everynode/demo-agent:1}
              updateStrategy:
                type: RollingUpdate
                rollingUpdate: {rollingUpdateType: Standard, maxUnavailable: 1, partition: 2}
            """;

    @Test
    void theKindsOwnFieldsDriveItsRolloutAndWhyRolloutStatusAndPlanReadThem() throws Exception {
        cluster.apply(FIELDED);
        await().atMost(SLOW)
                .untilAsserted(
                        () -> assertThat(fielded("{.status.numberAvailable}")).isEqualTo("3"));
        Path file = Files.writeString(dir.resolve("fielded.yaml"), FIELDED);
        Run plan = everynode("plan", "-f", file.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("update of the existing DaemonSet");

        // E4.1: partition 2 keeps two of three pods at the old revision (the last node by name goes first)
        setImage(2);
        await().atMost(SLOW).untilAsserted(() -> {
            assertThat(images()).isEqualTo(Map.of("node-1", "1", "node-2", "1", "node-3", "2"));
            assertThat(fielded("{.status.updatedNumberScheduled} {.status.numberAvailable}"))
                    .isEqualTo("1 3");
        });
        Run why = everynode("why", "ads/fielded");
        assertThat(why.exitCode()).as(why.err()).isZero();
        assertThat(why.out()).containsPattern("node-1\\s.*Partition").containsPattern("node-2\\s.*Partition");
        System.out.println("$ everynode why ads/fielded\n" + why.out());
        Run status = everynode("rollout", "status", "daemonsets.apps.kruise.io/fielded", "--watch=false");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out())
                .isEqualTo("Waiting for daemon set \"fielded\" rollout to finish: 1 out of 3 new pods have been"
                        + " updated...\n");
        assertThat(images()).as("still at the partition").containsEntry("node-1", "1");

        patch("{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":0}}}}");
        Run done = everynode("rollout", "status", "ads/fielded", "--timeout", "90s");
        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(done.out()).endsWith("daemon set \"fielded\" successfully rolled out\n");
        assertThat(images()).isEqualTo(Map.of("node-1", "2", "node-2", "2", "node-3", "2"));

        // E4.2: the rollout's node selector updates only the matching nodes
        cluster.kubectl("label", "node", "node-2", "canary=true");
        patch(
                "{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"selector\":{\"matchLabels\":{\"canary\":\"true\"}}}}}}");
        setImage(3);
        await().atMost(SLOW).untilAsserted(() -> {
            assertThat(images()).isEqualTo(Map.of("node-1", "2", "node-2", "3", "node-3", "2"));
            assertThat(fielded("{.status.updatedNumberScheduled} {.status.numberAvailable}"))
                    .isEqualTo("1 3");
        });
        assertThat(everynode("why", "ads/fielded", "node-1").out()).contains("UpdateSelector");

        // E3.1: paused holds every pod; unpaused, the rollout goes on
        patch("{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"selector\":null,\"paused\":true}}}}");
        setImage(4);
        await().atMost(SLOW).untilAsserted(() -> {
            assertThat(fielded("{.status.observedGeneration}")).isEqualTo(fielded("{.metadata.generation}"));
            assertThat(everynode("why", "ads/fielded", "node-1").out())
                    .contains("Reason:    Paused")
                    .contains("old revision kept: rollout paused (spec.updateStrategy.rollingUpdate.paused=true)");
        });
        assertThat(images()).isEqualTo(Map.of("node-1", "2", "node-2", "3", "node-3", "2"));
        patch("{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"paused\":false}}}}");
        await().atMost(SLOW)
                .untilAsserted(
                        () -> assertThat(images()).isEqualTo(Map.of("node-1", "4", "node-2", "4", "node-3", "4")));
        assertThat(everynode("rollout", "status", "daemon/fielded", "--timeout", "90s")
                        .exitCode())
                .isZero();

        // E6.1: InPlaceIfPossible changes the image in the running pods: same uids
        Set<String> uids = uids();
        patch("{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"rollingUpdateType\":\"InPlaceIfPossible\"}}}}");
        setImage(5);
        await().atMost(SLOW).untilAsserted(() -> {
            assertThat(images()).isEqualTo(Map.of("node-1", "5", "node-2", "5", "node-3", "5"));
            assertThat(cluster.pods("default", "app=fielded"))
                    .allSatisfy(p -> assertThat(GuideCluster.ready(p)).isTrue());
        });
        assertThat(uids()).isEqualTo(uids);
        cluster.kubectl("delete", KIND, "fielded");
    }

    /** The agent container's image tag on each node, from the bound, live pods of the fielded DaemonSet. */
    private static Map<String, String> images() {
        Map<String, String> out = new TreeMap<>();
        for (Pod p : cluster.pods("default", "app=fielded")) {
            if (p.getMetadata().getDeletionTimestamp() != null || p.getSpec().getNodeName() == null) continue;
            String image = p.getSpec().getContainers().get(0).getImage();
            out.put(p.getSpec().getNodeName(), image.substring(image.lastIndexOf(':') + 1));
        }
        return out;
    }

    private static Set<String> uids() {
        return cluster.pods("default", "app=fielded").stream()
                .map(p -> p.getMetadata().getUid())
                .collect(Collectors.toSet());
    }

    /** kubectl set image knows no custom kind: a JSON patch of the agent container's image. */
    private static void setImage(int tag) {
        cluster.kubectl(
                "patch",
                KIND,
                "fielded",
                "--type=json",
                "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":"
                        + "\"everynode/demo-agent:" + tag + "\"}]");
    }

    private static void patch(String merge) {
        cluster.kubectl("patch", KIND, "fielded", "--type=merge", "-p", merge);
    }

    private static String fielded(String jsonpath) {
        return cluster.kubectl("get", KIND, "fielded", "-o", "jsonpath=" + jsonpath);
    }

    record Run(int exitCode, String out, String err) {}

    /** The {@code everynode} command in this JVM, as the launcher runs it, with the cluster's kubeconfig. */
    private static synchronized Run everynode(String... args) {
        String[] all = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(args),
                        java.util.stream.Stream.of(
                                "--kubeconfig", cluster.running.kubeconfig().toString()))
                .toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CommandLine cmd = new CommandLine(new Main());
            cmd.setOut(new java.io.PrintWriter(out, true, StandardCharsets.UTF_8));
            cmd.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
            int code = cmd.execute(all);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static String field(String jsonpath) {
        return cluster.kubectl("get", KIND, "guestbook-ds", "-o", "jsonpath=" + jsonpath);
    }

    private static Set<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static String manifest(String resource) throws URISyntaxException {
        return Path.of(AdvancedDaemonSetIT.class.getResource("/" + resource).toURI())
                .toString();
    }
}

package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E7.x with the real kubectl on {@code up}'s simulated nodes: OpenKruise's own tutorial manifest
 * ({@code kruise/daemonset-guestbook.yaml}, as written) applied twice, one pod per node owned by
 * the {@code apps.kruise.io/v1alpha1} DaemonSet, the CRD's printer columns, a Standard image
 * rollout with {@code status.daemonSetHash}, an apps/v1 namesake that leaves those pods alone,
 * cascade delete; and a manifest the validation refuses with the field at fault.
 */
class AdvancedDaemonSetIT {
    static GuideCluster cluster;
    static final Duration SLOW = Duration.ofSeconds(120);
    static final String KIND = "daemonsets.apps.kruise.io";

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
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

package io.everynode.controllers.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.controllers.nodelifecycle.NodeLifecycleConfig;
import io.everynode.controllers.testing.InProcessCluster;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Node lifecycle, run by the manager on the real clock with a 2 s grace period (R10.1–R10.4),
 * through the informers: silence is measured on the controller's clock, whatever the nodes' say.
 */
class NodeLifecycleThroughTheApiIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        NodeLifecycleConfig fast =
                new NodeLifecycleConfig(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(200));
        cluster = new InProcessCluster(ControllerManagerConfig.defaults()
                .withControllers(ControllerManager.NODE_LIFECYCLE)
                .withNodeLifecycle(fast));
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void aNodeWhoseLeaseStopsRenewingTurnsUnknownIsTaintedUnreachableAndAPodToleratingOneSecondIsEvicted() {
        cluster.addNode("n1", "4", "8Gi");
        cluster.client.create(new LeaseBuilder()
                .withNewMetadata()
                .withName("n1")
                .withNamespace("kube-node-lease")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity("n1")
                .withLeaseDurationSeconds(40)
                .withRenewTime(micro(Instant.now()))
                .endSpec()
                .build());
        cluster.client.create(onNode(InProcessCluster.pod("brief", null, null), "n1")
                .editSpec()
                .addToTolerations(unreachable(1L))
                .endSpec()
                .build());
        cluster.client.create(onNode(InProcessCluster.pod("steadfast", null, null), "n1")
                .editSpec()
                .addToTolerations(unreachable(null))
                .endSpec()
                .build());

        // Nobody renews the Lease or posts status: after the 2 s grace the node is lost.
        await().atMost(WAIT)
                .until(() -> "Unknown"
                        .equals(ready(cluster.client.get(Node.class, null, "n1"))
                                .getStatus()));
        NodeCondition ready = ready(cluster.client.get(Node.class, null, "n1"));
        assertThat(ready.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(ready.getMessage()).isEqualTo("Kubelet stopped posting node status.");
        await().atMost(WAIT).until(() -> taints("n1").size() == 2);
        assertThat(taints("n1"))
                .extracting(Taint::getKey, Taint::getEffect)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/unreachable", "NoSchedule"),
                        org.assertj.core.groups.Tuple.tuple("node.kubernetes.io/unreachable", "NoExecute"));

        await().atMost(WAIT)
                .until(() -> cluster.pod("brief")
                        .map(p -> p.getMetadata().getDeletionTimestamp() != null)
                        .orElse(true));
        cluster.pod("brief")
                .ifPresent(p -> assertThat(disruption(p))
                        .extracting(PodCondition::getReason)
                        .isEqualTo("DeletionByTaintManager"));
        await().atMost(WAIT)
                .until(() -> !cluster.events("brief", "TaintManagerEviction").isEmpty());
        assertThat(cluster.pod("steadfast"))
                .hasValueSatisfying(
                        p -> assertThat(p.getMetadata().getDeletionTimestamp()).isNull());
    }

    @Test
    void aNodeRenewingItsLeaseOnASlowClockStaysReadyWhileANodeWhoseLeaseIsAnHourAheadButSilentIsLost()
            throws Exception {
        cluster.addNode("slow", "4", "8Gi");
        cluster.addNode("ahead", "4", "8Gi");
        cluster.client.create(lease("slow", Instant.now().minus(Duration.ofMinutes(10))));
        cluster.client.create(lease("ahead", Instant.now().plus(Duration.ofHours(1))));
        ScheduledExecutorService slowKubelet = Executors.newSingleThreadScheduledExecutor();
        try {
            // The slow node's clock is ten minutes behind; it renews its Lease well within the grace.
            slowKubelet.scheduleWithFixedDelay(
                    () -> {
                        Lease l = cluster.client.get(Lease.class, "kube-node-lease", "slow");
                        l.getSpec().setRenewTime(micro(Instant.now().minus(Duration.ofMinutes(10))));
                        cluster.client.update(l);
                    },
                    0,
                    300,
                    TimeUnit.MILLISECONDS);

            // Both were first seen in the same pass: once the silent one is lost, the other had as long.
            await().atMost(WAIT)
                    .until(() -> "Unknown"
                            .equals(ready(cluster.client.get(Node.class, null, "ahead"))
                                    .getStatus()));
            await().atMost(WAIT).until(() -> taints("ahead").size() == 2);
            // Only a kubelet sets Ready back to True, and this one posts no status: had the slow
            // node ever been judged silent, it would still be Unknown and tainted.
            assertThat(ready(cluster.client.get(Node.class, null, "slow")).getStatus())
                    .isEqualTo("True");
            assertThat(taints("slow")).isEmpty();
        } finally {
            slowKubelet.shutdownNow();
            slowKubelet.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Lease lease(String node, Instant renewed) {
        return new LeaseBuilder()
                .withNewMetadata()
                .withName(node)
                .withNamespace("kube-node-lease")
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(node)
                .withLeaseDurationSeconds(40)
                .withRenewTime(micro(renewed))
                .endSpec()
                .build();
    }

    private List<Taint> taints(String node) {
        Node n = cluster.client.get(Node.class, null, node);
        return n.getSpec() == null || n.getSpec().getTaints() == null
                ? List.of()
                : n.getSpec().getTaints();
    }

    private static NodeCondition ready(Node n) {
        return n.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()))
                .findFirst()
                .orElseThrow();
    }

    private static PodCondition disruption(Pod p) {
        return p.getStatus().getConditions().stream()
                .filter(c -> "DisruptionTarget".equals(c.getType()))
                .findFirst()
                .orElse(null);
    }

    private static io.fabric8.kubernetes.api.model.Toleration unreachable(Long seconds) {
        return new TolerationBuilder()
                .withKey("node.kubernetes.io/unreachable")
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(seconds)
                .build();
    }

    private static io.fabric8.kubernetes.api.model.PodBuilder onNode(
            io.fabric8.kubernetes.api.model.PodBuilder pod, String node) {
        return pod.editSpec().withNodeName(node).endSpec();
    }

    private static ZonedDateTime micro(Instant at) {
        return at.atZone(ZoneOffset.UTC);
    }
}

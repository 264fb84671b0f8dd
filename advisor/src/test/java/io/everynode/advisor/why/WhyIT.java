package io.everynode.advisor.why;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.agent.eviction.EvictionConfig;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code why} on a control plane in process with simulated nodes, each set up to show one reason:
 * the answers come from what the real controller, scheduler and agents did, read back through the
 * API. One fleet and four DaemonSets for the class; each test waits for its node's answer.
 */
class WhyIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @RegisterExtension
    static final SimulatedCluster CLUSTER = new SimulatedCluster(SimulatedCluster.quick());

    private static KubeClient client;

    @BeforeAll
    static void fleetAndDaemonSets() throws Exception {
        client = CLUSTER.client();
        SimulatedFleet fleet = CLUSTER.fleet();
        fleet.add(node("n-selector", Map.of("pool", "core")));
        fleet.add(node("n-affinity", Map.of("pool", "edge", "zone", "z2")));
        fleet.add(node("n-taint", Map.of("pool", "edge", "zone", "z1"))
                .withTaints(List.of(new TaintBuilder()
                        .withKey("dedicated")
                        .withValue("db")
                        .withEffect("NoSchedule")
                        .build())));
        fleet.add(node("n-cpu", Map.of("pool", "edge", "zone", "z1"))
                .withCapacity(AgentConfig.capacity("100m", "8Gi", "110")));
        fleet.add(node("n-runs", Map.of("pool", "edge", "zone", "z1")));
        fleet.add(node("n-crash", Map.of("pool", "crash")));
        fleet.add(node("n-unready", Map.of("pool", "unready")));
        fleet.add(node("n-mem", Map.of("pool", "mem"))
                .withCapacity(AgentConfig.capacity("4", "1Gi", "110"))
                .withEviction(EvictionConfig.defaults()
                        .withPassPeriod(Duration.ofMillis(200))
                        .withPressureTransitionPeriod(Duration.ofSeconds(3))));

        DaemonSet agent = daemonSet("agent", "edge");
        var spec = agent.getSpec().getTemplate().getSpec();
        spec.getContainers()
                .get(0)
                .setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity("200m"))
                        .build());
        spec.setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder()
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm()
                .addNewMatchExpression()
                .withKey("zone")
                .withOperator("In")
                .withValues("z1")
                .endMatchExpression()
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity()
                .build());
        client.create(agent);

        DaemonSet crashy = daemonSet("crashy", "crash");
        crashy.getSpec().getTemplate().getMetadata().setAnnotations(Map.of(SimulatedRuntime.FAIL_ANNOTATION, "true"));
        client.create(crashy);

        DaemonSet unready = daemonSet("unready", "unready");
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        unready.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .setReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder()
                        .withNewTcpSocket()
                        .withHost("127.0.0.1")
                        .withNewPort(closed)
                        .endTcpSocket()
                        .withPeriodSeconds(1)
                        .build());
        client.create(unready);

        DaemonSet hungry = daemonSet("hungry", "mem");
        hungry.getSpec()
                .getTemplate()
                .getMetadata()
                .setAnnotations(Map.of(SimulatedRuntime.MEMORY_ANNOTATION, "1000Mi"));
        client.create(hungry);
    }

    @Test
    void aNodeWithoutTheSelectorsLabelIsNamedByTheSelector() {
        assertThat(awaitReason("agent", "n-selector", Reason.NODE_SELECTOR).details())
                .containsExactly("nodeSelector pool=edge: node has pool=core");
    }

    @Test
    void aNodeOutsideTheAffinityTermIsNamedByTheTerm() {
        assertThat(awaitReason("agent", "n-affinity", Reason.NODE_AFFINITY).details())
                .containsExactly("required node-affinity term 1 does not match: zone In [z1] (node has zone=z2)");
    }

    @Test
    void aTaintedNodeIsNamedByItsTaint() {
        assertThat(awaitReason("agent", "n-taint", Reason.UNTOLERATED_TAINT).message())
                .isEqualTo("node(s) had untolerated taint {dedicated: db}");
    }

    @Test
    void aNodeShortOfCpuCannotFitTheDaemonPod() {
        Answer a = awaitReason("agent", "n-cpu", Reason.INSUFFICIENT_RESOURCES);

        assertThat(a.message()).isEqualTo("Insufficient cpu (requested 200m, free 100m)");
        assertThat(a.pod()).startsWith("agent-");
    }

    @Test
    void aNodeThatFitsRunsTheCurrentRevision() {
        assertThat(awaitReason("agent", "n-runs", Reason.RUNNING).message()).endsWith(", ready, current revision");
    }

    @Test
    void aCrashingContainerIsACrashLoopWithItsExitCode() {
        Answer a = awaitReason("crashy", "n-crash", Reason.CRASH_LOOP);

        assertThat(a.verdict()).isEqualTo(Verdict.NOT_READY);
        assertThat(a.details()).anySatisfy(d -> assertThat(d).startsWith("last exit code 1 (Error)"));
    }

    @Test
    void aFailingReadinessProbeIsNamedWithTheProbesMessage() {
        assertThat(awaitReason("unready", "n-unready", Reason.READINESS_FAILING).message())
                .startsWith("Readiness probe failed:");
    }

    @Test
    void aPodEvictedUnderMemoryPressureIsNamedWithTheKubeletsMessage() {
        assertThat(awaitReason("hungry", "n-mem", Reason.EVICTED).message()).contains("low on resource: memory");
    }

    private static Answer awaitReason(String ds, String node, Reason reason) {
        return CLUSTER.awaitReason(ds, node, reason, WAIT);
    }

    private static AgentConfig node(String name, Map<String, String> labels) {
        return AgentConfig.defaults(name)
                .withReportInterval(Duration.ofMillis(500))
                .withLabels(labels);
    }

    private static DaemonSet daemonSet(String name, String pool) {
        return new DaemonSetBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addToNodeSelector("pool", pool)
                .withTerminationGracePeriodSeconds(1L)
                .addNewContainer()
                .withName("main")
                .withImage("registry.example/" + name + ":1.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }
}

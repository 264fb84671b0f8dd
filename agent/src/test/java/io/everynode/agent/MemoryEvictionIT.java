package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.eviction.EvictionConfig;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The eviction manager end to end (R9.3, R9.4, R10.2, R2.7): an API server with the controllers
 * in process and one simulated node of 1Gi whose pods' annotated memory use drives
 * {@code memory.available} under the default 100Mi threshold.
 */
class MemoryEvictionIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestCluster cluster = new TestCluster();
    private final Clock clock = Clock.systemUTC();
    private final SimulatedRuntime runtime = new SimulatedRuntime(TestCluster.runtimeConfig(), clock, "n1");
    private NodeAgent agent;

    @AfterEach
    void tearDown() {
        if (agent != null) agent.close();
        runtime.close();
        cluster.close();
    }

    private void startNode() {
        AgentConfig config = TestCluster.agentConfig("n1")
                .withCapacity(AgentConfig.capacity("4", "1Gi", "110"))
                .withEviction(EvictionConfig.defaults()
                        .withPassPeriod(Duration.ofMillis(200))
                        .withPressureTransitionPeriod(Duration.ofSeconds(3)));
        agent = NodeAgent.start(cluster.client, config, runtime, clock);
    }

    /** A pod on n1 using {@code memory} (simulated), with an optional memory request and priority class. */
    private Pod create(String name, String memory, String request, String priorityClass) {
        var b = TestCluster.pod(name, "n1")
                .editMetadata()
                .addToAnnotations(SimulatedRuntime.MEMORY_ANNOTATION, memory)
                .endMetadata()
                .editSpec()
                .withPriorityClassName(priorityClass)
                .endSpec();
        Pod p = b.build();
        if (request != null) {
            p.getSpec()
                    .getContainers()
                    .get(0)
                    .setResources(new ResourceRequirementsBuilder()
                            .addToRequests("memory", new Quantity(request))
                            .build());
        }
        return cluster.client.create(p);
    }

    private List<Pod> daemonPods() {
        return cluster.client.list(Pod.class, "default").items().stream()
                .filter(p -> "logger"
                        .equals(
                                p.getMetadata().getLabels() == null
                                        ? null
                                        : p.getMetadata().getLabels().get("app")))
                .toList();
    }

    private static boolean evicted(Optional<Pod> p) {
        return p.map(MemoryEvictionIT::evicted).orElse(false);
    }

    private static boolean evicted(Pod p) {
        return p.getStatus() != null
                && "Failed".equals(p.getStatus().getPhase())
                && "Evicted".equals(p.getStatus().getReason());
    }

    private boolean running(String name) {
        return cluster.pod(name).map(TestCluster::runningAndReady).orElse(false);
    }

    private boolean hasTaint(String key) {
        var taints = cluster.node("n1").getSpec().getTaints();
        return taints != null
                && taints.stream().anyMatch(t -> key.equals(t.getKey()) && "NoSchedule".equals(t.getEffect()));
    }

    @Test
    void underMemoryPressurePodsAreEvictedInRankOrderACriticalPodIsNotAndTheDaemonSetReplacesItsPod() {
        startNode();
        cluster.client.create(new PriorityClassBuilder()
                .withNewMetadata()
                .withName("important")
                .endMetadata()
                .withValue(1000)
                .build());
        // 500 + 100 + 200 = 800Mi of 1Gi used: 224Mi available, above the threshold.
        create("critical", "500Mi", null, "system-node-critical");
        create("important", "200Mi", "200Mi", "important");
        DaemonSet ds = TestCluster.daemonSet("logger");
        ds.getSpec()
                .getTemplate()
                .getMetadata()
                .setAnnotations(java.util.Map.of(SimulatedRuntime.MEMORY_ANNOTATION, "100Mi"));
        ds.getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .setResources(new ResourceRequirementsBuilder()
                        .addToRequests("memory", new Quantity("100Mi"))
                        .build());
        cluster.client.create(ds);
        await().atMost(WAIT)
                .until(() -> running("critical")
                        && running("important")
                        && daemonPods().size() == 1
                        && TestCluster.runningAndReady(daemonPods().get(0)));
        Pod firstDaemonPod = daemonPods().get(0);
        assertThat(cluster.condition("n1", "MemoryPressure")).isEqualTo("False");

        // A BestEffort application pod of 300Mi: 1100Mi used. It exceeds its request (0) and has
        // the lowest priority among those that do, so it goes first; the daemon pod stays within
        // its request and the critical pod is never evicted.
        create("hog", "300Mi", null, null);
        await().atMost(WAIT).until(() -> evicted(cluster.pod("hog")));
        Pod hog = cluster.pod("hog").orElseThrow();
        assertThat(hog.getStatus().getMessage())
                .startsWith("The node was low on resource: memory. Threshold quantity: 100Mi, available: ")
                .endsWith("Container main was using 300Mi, request is 0, has larger consumption of memory. ");
        assertThat(hog.getStatus().getConditions())
                .filteredOn(c -> "DisruptionTarget".equals(c.getType()))
                .extracting(PodCondition::getStatus, PodCondition::getReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("True", "TerminationByKubelet"));
        assertThat(hog.getStatus().getContainerStatuses().get(0).getState().getTerminated())
                .isNotNull();
        await().atMost(WAIT)
                .until(() -> cluster.client.list(Event.class, "default").items().stream()
                        .anyMatch(e -> "hog".equals(e.getInvolvedObject().getName())
                                && "Evicted".equals(e.getReason())
                                && "Warning".equals(e.getType())));
        await().atMost(WAIT).until(() -> "True".equals(cluster.condition("n1", "MemoryPressure")));
        await().atMost(WAIT).until(() -> hasTaint("node.kubernetes.io/memory-pressure"));
        assertThat(running("critical")).isTrue();
        assertThat(daemonPods())
                .extracting(p -> p.getMetadata().getUid())
                .containsExactly(firstDaemonPod.getMetadata().getUid());

        // Another 200Mi within its request at priority 1000: 1000Mi used. Now nothing exceeds its
        // request; the critical pod is skipped and the daemon pod (priority 0) is next.
        create("important-2", "200Mi", "200Mi", "important");
        await().atMost(WAIT)
                .until(() -> evicted(cluster.pod(firstDaemonPod.getMetadata().getName()))
                        || cluster.pod(firstDaemonPod.getMetadata().getName()).isEmpty());
        cluster.client.delete(Pod.class, "default", "important-2");

        // The DaemonSet controller deletes its failed pod and creates another, which runs (800Mi used).
        await().atMost(WAIT)
                .until(() -> daemonPods().stream()
                        .anyMatch(p -> !p.getMetadata()
                                        .getUid()
                                        .equals(firstDaemonPod.getMetadata().getUid())
                                && TestCluster.runningAndReady(p)));
        assertThat(running("critical")).isTrue();
        assertThat(running("important")).isTrue();
        assertThat(cluster.pod("hog")).matches(MemoryEvictionIT::evicted, "the evicted application pod stays Failed");

        // No pressure seen for the transition period: the condition and its taint go away.
        await().atMost(WAIT)
                .until(() -> "False".equals(cluster.condition("n1", "MemoryPressure"))
                        && !hasTaint("node.kubernetes.io/memory-pressure"));
    }

    @Test
    void anEvictedPodIsNeverStartedAgain() {
        startNode();
        Pod hog = create("hog", "1000Mi", null, null);
        await().atMost(WAIT).until(() -> evicted(cluster.pod("hog")));
        String uid = hog.getMetadata().getUid();
        // Later syncs (a status post, a runtime notification) leave it terminated and Failed.
        agent.syncPod("default/hog");
        assertThat(runtime.pod(uid))
                .hasValueSatisfying(rp -> assertThat(rp.allTerminated()).isTrue());
        assertThat(cluster.pod("hog")
                        .orElseThrow()
                        .getStatus()
                        .getContainerStatuses()
                        .get(0)
                        .getRestartCount())
                .isZero();
        assertThat(evicted(cluster.pod("hog"))).isTrue();
    }
}

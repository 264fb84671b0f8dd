package io.everynode.agent;

import io.everynode.apiserver.ApiServer;
import io.everynode.client.KubeClient;
import io.everynode.controllers.manager.ControllerManager;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.controllers.nodelifecycle.NodeLifecycleConfig;
import io.everynode.controlplane.ControlPlane;
import io.everynode.store.Store;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.time.Duration;
import java.util.Optional;

/**
 * A real API server on a memory store with the controller manager in process (node lifecycle
 * with a short grace period, so silence is noticed in seconds), on the system clock.
 */
final class TestCluster implements AutoCloseable {
    static final Duration GRACE = Duration.ofSeconds(3);

    final Store store;
    final ApiServer api;
    final KubeClient client;
    final ControllerManager manager;
    private final ControlPlane controlPlane;
    private final io.everynode.controlplane.InProcessNodeClients nodeClients;

    TestCluster() {
        this(GRACE);
    }

    /** With {@code grace} as the node lifecycle's monitor and startup grace periods. */
    TestCluster(Duration grace) {
        try {
            controlPlane = ControlPlane.builder()
                    .controllers(ControllerManagerConfig.defaults()
                            .withNodeLifecycle(new NodeLifecycleConfig(grace, grace, Duration.ofMillis(500))))
                    .build()
                    .start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        store = controlPlane.store();
        api = controlPlane.api();
        client = controlPlane.client();
        nodeClients = new io.everynode.controlplane.InProcessNodeClients(api);
        manager = controlPlane.controllers();
    }

    /** Agent settings for tests: reports every 500 ms, well inside the grace period. */
    static AgentConfig agentConfig(String node) {
        return AgentConfig.defaults(node).withReportInterval(Duration.ofMillis(500));
    }

    /** Quick simulated stages; failing containers run 200 ms. */
    static SimulatedRuntime.Config runtimeConfig() {
        return new SimulatedRuntime.Config(
                Duration.ofMillis(50),
                Duration.ofMillis(50),
                Duration.ofMillis(20),
                Duration.ofMillis(200),
                Duration.ofMillis(50));
    }

    java.net.URI url() {
        return java.net.URI.create(controlPlane.url());
    }

    Optional<Pod> pod(String name) {
        try {
            return Optional.of(client.get(Pod.class, "default", name));
        } catch (io.everynode.client.ApiError e) {
            if (e.isNotFound()) return Optional.empty();
            throw e;
        }
    }

    Node node(String name) {
        return client.get(Node.class, null, name);
    }

    String condition(String node, String type) {
        Node n = node(node);
        if (n.getStatus() == null || n.getStatus().getConditions() == null) return null;
        return n.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .map(NodeCondition::getStatus)
                .findFirst()
                .orElse(null);
    }

    /** A pod bound straight to {@code node}, one container. */
    static PodBuilder pod(String name, String node) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .withTerminationGracePeriodSeconds(5L)
                .addNewContainer()
                .withName("main")
                .withImage("busybox:1.36")
                .endContainer()
                .endSpec();
    }

    static DaemonSet daemonSet(String name) {
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
                .addNewContainer()
                .withName("agent")
                .withImage("fluentd:v1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    static boolean runningAndReady(Pod p) {
        return p.getStatus() != null
                && "Running".equals(p.getStatus().getPhase())
                && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * A client that calls as node {@code node} ({@code system:node:NAME} in {@code system:nodes}),
     * as up's agents do: the Node authorizer and NodeRestriction apply to it.
     */
    KubeClient nodeClient(String node) {
        return nodeClients.forNode(node);
    }

    @Override
    public void close() {
        controlPlane.close();
    }
}

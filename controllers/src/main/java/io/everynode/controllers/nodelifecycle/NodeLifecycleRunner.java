package io.everynode.controllers.nodelifecycle;

import io.everynode.client.EventRecorder;
import io.everynode.client.Lister;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Runs the {@link NodeLifecycleController} on one worker thread.
 *
 * <p>Keys: {@code monitor} runs {@link NodeLifecycleController#monitorNodeHealth()} and re-arms
 * itself for the time it returns (R10.1); {@code evict:<node>} runs
 * {@link NodeLifecycleController#evictPods(String)} and re-arms for the returned time, when a
 * tolerationSeconds runs out (R10.4). A node is queued for eviction when it appears, goes, or its
 * taints change, and when a pod lands on (or changes on) a node with NoExecute taints. Timers
 * are delayed keys on the same queue, measured on the injected clock.
 */
public final class NodeLifecycleRunner implements Controller {
    static final String MONITOR = "monitor";
    private static final String EVICT = "evict:";

    private final NodeLifecycleController controller;
    private final Lister<Node> nodes;
    private final Clock clock;
    private final WorkQueue<String> queue;
    private final QueueWorker worker;
    private final EventRecorder events;

    public NodeLifecycleRunner(NodeLifecycleConfig config, ControllerContext context) {
        this.clock = context.clock();
        this.nodes = context.nodes().lister();
        this.events = new EventRecorder(context.client(), ClientNodeLifecycleActions.COMPONENT, clock);
        this.controller = new NodeLifecycleController(
                config,
                new CachedNodeLifecycleWorld(
                        nodes, context.leases().lister(), context.pods().lister()),
                new ClientNodeLifecycleActions(context.client(), events),
                clock);
        this.queue = new WorkQueue<>(clock);
        this.worker = new QueueWorker("node-lifecycle", queue, this::sync);
        context.nodes()
                .addEventHandler(ResourceEventHandler.onAnyChange(
                        (Node oldNode, Node newNode) -> !Objects.equals(taints(oldNode), taints(newNode)),
                        node -> queue.add(EVICT + node.getMetadata().getName())));
        context.pods()
                .addEventHandler(
                        ResourceEventHandler.of(this::podChanged, (oldPod, newPod) -> podChanged(newPod), pod -> {}));
    }

    @Override
    public void start() {
        queue.add(MONITOR);
        worker.start();
    }

    @Override
    public void close() {
        worker.close();
        events.close();
    }

    private void podChanged(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (node == null || node.isEmpty()) return;
        boolean noExecute = nodes.get(node).map(NodeLifecycleRunner::taints).orElse(List.of()).stream()
                .anyMatch(t -> "NoExecute".equals(t.getEffect()));
        if (noExecute) queue.add(EVICT + node);
    }

    private void sync(String key) {
        if (key.equals(MONITOR)) {
            rearm(MONITOR, controller.monitorNodeHealth());
        } else if (key.startsWith(EVICT)) {
            controller.evictPods(key.substring(EVICT.length())).ifPresent(at -> rearm(key, at));
        }
    }

    private void rearm(String key, Instant at) {
        queue.addAfter(key, Duration.between(clock.instant(), at));
    }

    private static List<Taint> taints(Node n) {
        return n.getSpec() == null || n.getSpec().getTaints() == null
                ? List.of()
                : n.getSpec().getTaints();
    }
}

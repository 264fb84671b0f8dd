package io.everynode.controllers.deployment;

import io.everynode.client.EventRecorder;
import io.everynode.client.Informer;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.daemonset.SyncResult;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Set;

/**
 * Runs the {@link DeploymentController} on the shared informers (Deployments, ReplicaSets, pods):
 * handlers only enqueue keys; one worker syncs one Deployment at a time; a failed sync comes back
 * with the queue's back-off, a rollout in progress when its progress deadline would pass.
 */
public final class DeploymentRunner implements Controller {
    private final DeploymentController controller;
    private final EventRecorder events;
    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public DeploymentRunner(ControllerContext context) {
        Informer<Deployment> deployments = context.informers().informerFor(Deployment.class);
        Informer<ReplicaSet> replicaSets = context.informers().informerFor(ReplicaSet.class);
        Informer<Pod> pods = context.pods();
        this.events = new EventRecorder(context.client(), ClientDeploymentActions.COMPONENT, context.clock());
        this.controller = new DeploymentController(
                new CachedDeploymentWorld(deployments.lister(), replicaSets.lister(), pods.lister()),
                new ClientDeploymentActions(context.client(), events),
                context.clock());
        this.queue = new WorkQueue<>(context.clock());
        this.worker = new QueueWorker("deployment-controller", queue, this::sync);
        deployments.addEventHandler(ResourceEventHandler.of(
                d -> enqueue(controller.onDeployment(d)),
                (old, cur) -> enqueue(controller.onDeployment(cur)),
                d -> enqueue(controller.onDeployment(d))));
        replicaSets.addEventHandler(ResourceEventHandler.of(
                rs -> enqueue(controller.onReplicaSet(rs)),
                (old, cur) -> enqueue(controller.onReplicaSetUpdated(old, cur)),
                rs -> enqueue(controller.onReplicaSet(rs))));
        pods.addEventHandler(
                ResourceEventHandler.of(p -> {}, (old, cur) -> {}, p -> enqueue(controller.onPodDeleted(p))));
    }

    private void enqueue(Set<String> keys) {
        keys.forEach(queue::add);
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void close() {
        worker.close();
        events.close();
    }

    private void sync(String key) {
        SyncResult result = controller.sync(key);
        result.requeueAfter().ifPresent(d -> queue.addAfter(key, d));
        if (result.error().isPresent()) {
            Exception e = result.error().get();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }
}

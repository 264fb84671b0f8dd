package io.everynode.controllers.replicaset;

import io.everynode.client.EventRecorder;
import io.everynode.client.Informer;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.daemonset.SyncResult;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Set;

/**
 * Runs the {@link ReplicaSetController} on the shared informers: handlers only enqueue keys; one
 * worker syncs one ReplicaSet at a time; a failed sync comes back with the queue's back-off, and a
 * sync waiting out minReadySeconds asks to come back when the next pod becomes available.
 */
public final class ReplicaSetRunner implements Controller {
    private final ReplicaSetController controller;
    private final EventRecorder events;
    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public ReplicaSetRunner(ReplicaSetController.Config config, ControllerContext context) {
        Informer<ReplicaSet> replicaSets = context.informers().informerFor(ReplicaSet.class);
        Informer<Pod> pods = context.pods();
        this.events = new EventRecorder(context.client(), ClientReplicaSetActions.COMPONENT, context.clock());
        this.controller = new ReplicaSetController(
                config,
                new CachedReplicaSetWorld(replicaSets.lister(), pods.lister()),
                new ClientReplicaSetActions(context.client(), events),
                context.clock());
        this.queue = new WorkQueue<>(context.clock());
        this.worker = new QueueWorker("replicaset-controller", queue, this::sync);
        replicaSets.addEventHandler(ResourceEventHandler.of(
                rs -> enqueue(controller.onReplicaSet(rs)),
                (old, cur) -> enqueue(controller.onReplicaSet(cur)),
                rs -> enqueue(controller.onReplicaSetDeleted(rs))));
        pods.addEventHandler(ResourceEventHandler.of(
                p -> enqueue(controller.onPodAdded(p)),
                (old, cur) -> enqueue(controller.onPodUpdated(old, cur)),
                p -> enqueue(controller.onPodDeleted(p))));
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

package io.everynode.controllers.daemonset;

import io.everynode.client.Informer;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Runs the {@link DaemonSetController} against the shared informers (design.md rule 1): informer
 * handlers turn events into {@link Reaction}s whose keys go on a work queue; one worker syncs a
 * DaemonSet key at a time; a failed sync is retried with back-off, a requested requeue comes back
 * after its delay. A {@code gc-backoff} key prunes the failed-pod back-off once a minute (R2.7).
 */
public final class DaemonSetRunner implements Controller {
    static final String GC_BACKOFF = "\u0000gc-backoff";
    private static final Duration GC_BACKOFF_EVERY = Duration.ofMinutes(1);

    /**
     * Writes of one slow-start batch in flight at once (R2.9). In process a write is mostly a
     * wait on the store's commit, so a few overlap well; more only queue on 2 cores.
     */
    static final int WRITE_PARALLELISM = 16;

    private final DaemonSetController controller;
    private final ClientDaemonSetActions actions;
    private final ExecutorService writes;
    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public DaemonSetRunner(DaemonSetController.Config config, ControllerContext context) {
        Informer<DaemonSet> daemonSets = context.informers().informerFor(DaemonSet.class);
        Informer<ControllerRevision> revisions = context.informers().informerFor(ControllerRevision.class);
        Informer<Pod> pods = context.pods();
        Informer<Node> nodes = context.nodes();
        this.actions = new ClientDaemonSetActions(context.client());
        this.writes = Executors.newFixedThreadPool(WRITE_PARALLELISM, r -> {
            Thread t = new Thread(r, "daemonset-controller-write");
            t.setDaemon(true);
            return t;
        });
        this.controller = new DaemonSetController(config,
                new CachedDaemonSetWorld(daemonSets.lister(), nodes.lister(), pods.lister(), revisions.lister()),
                actions, context.clock(), writes);
        this.queue = new WorkQueue<>(context.clock());
        this.worker = new QueueWorker("daemonset-controller", queue, this::sync);
        daemonSets.addEventHandler(handler(controller::onDaemonSetAdded, controller::onDaemonSetUpdated, controller::onDaemonSetDeleted));
        nodes.addEventHandler(handler(controller::onNodeAdded, controller::onNodeUpdated, n -> Reaction.none()));
        pods.addEventHandler(handler(controller::onPodAdded, controller::onPodUpdated, controller::onPodDeleted));
        revisions.addEventHandler(handler(controller::onRevisionAdded, controller::onRevisionUpdated, controller::onRevisionDeleted));
    }

    private interface Updated<T> {
        Reaction apply(T old, T cur);
    }

    private <T> ResourceEventHandler<T> handler(Function<T, Reaction> added, Updated<T> updated, Function<T, Reaction> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                enqueue(added.apply(object));
            }

            @Override
            public void onUpdate(T oldObject, T newObject) {
                enqueue(updated.apply(oldObject, newObject));
            }

            @Override
            public void onDelete(T object) {
                enqueue(deleted.apply(object));
            }
        };
    }

    private void enqueue(Reaction r) {
        r.enqueue().forEach(queue::add);
        r.enqueueAfter().forEach(queue::addAfter);
    }

    @Override
    public void start() {
        queue.addAfter(GC_BACKOFF, GC_BACKOFF_EVERY);
        worker.start();
    }

    @Override
    public void close() {
        worker.close();
        writes.shutdown();
        actions.close();
    }

    private void sync(String key) {
        if (key.equals(GC_BACKOFF)) {
            controller.gcBackoff();
            queue.addAfter(GC_BACKOFF, GC_BACKOFF_EVERY);
            return;
        }
        SyncResult result = controller.sync(key);
        result.requeueAfter().ifPresent(d -> queue.addAfter(key, d));
        if (result.error().isPresent()) {
            Exception e = result.error().get();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }
}

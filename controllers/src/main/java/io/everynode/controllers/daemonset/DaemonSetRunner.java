package io.everynode.controllers.daemonset;

import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.client.EventRecorder;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.client.Lister;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Runs the {@link DaemonSetController} against the shared informers (design.md rule 1): informer
 * handlers turn events into {@link Reaction}s whose keys go on a work queue; one worker syncs a
 * DaemonSet key at a time; a failed sync is retried with back-off, a requested requeue comes back
 * after its delay. A {@code gc-backoff} key prunes the failed-pod back-off once a minute (R2.7).
 *
 * <p>Coalescing: a sync reads every node and every pod of its DaemonSet, and a rollout on 5000
 * nodes brings thousands of pod events a minute (bound, Ready, each create seen), each of which
 * used to start another full sync as soon as the last one ended. Events that cannot unblock a
 * write are therefore held until {@link #COALESCE} after the start of the key's previous sync, and
 * all of them meet in one sync: pod updates (a pod bound or Ready; a Ready pod may free rolling
 * update budget, which then waits at most that long), pod adds and deletes while the DaemonSet
 * still awaits others (R2.1 step 5: such a sync only refreshes status), and updates of a
 * DaemonSet that change neither its spec nor its identity (our own status writes). Everything
 * else, and any event after a quiet spell, is queued at once: a new node, a new or changed
 * DaemonSet, the last awaited pod of a batch. The work queue still runs one sync per key at a time.
 *
 * <p>The queue keeps one delay per key, the earliest, so a coalesced wake-up swallows a later one
 * pending for the same key, such as the minReadySeconds wake-up on a pod's Ready transition
 * (R2.11). Nothing may therefore depend on a delayed add surviving: every sync asks again for the
 * wake-ups it still needs (a pod waiting out minReadySeconds, a failed pod's back-off).
 */
public final class DaemonSetRunner implements Controller {
    static final String GC_BACKOFF = "\u0000gc-backoff";
    private static final Duration GC_BACKOFF_EVERY = Duration.ofMinutes(1);

    /**
     * Writes of one slow-start batch in flight at once (R2.9). In process a write is mostly a
     * wait on the store's commit, so a few overlap well; more only queue on 2 cores.
     */
    static final int WRITE_PARALLELISM = 16;

    /** Least time between the starts of two syncs of one key, for events that unblock no write. */
    static final Duration COALESCE = Duration.ofMillis(200);

    private final DaemonSetController controller;
    private final EventRecorder events;
    private final ExecutorService writes;
    private final WorkQueue<String> queue;
    private final QueueWorker worker;
    private final Clock clock;
    private final Lister<DaemonSet> daemonSetLister;
    /** DaemonSet key → when its latest sync started (written by the worker, read by informer threads). */
    private final Map<String, Instant> lastSyncStart = new ConcurrentHashMap<>();

    /** The DaemonSets one runner reconciles: a cache of apps/v1 DaemonSets (or views), its events, its writes. */
    private interface Kind {
        Lister<DaemonSet> lister();

        void addEventHandler(ResourceEventHandler<DaemonSet> handler);

        DaemonSetActions actions(ClientDaemonSetActions pods);
    }

    /** The apps/v1 DaemonSets. */
    public DaemonSetRunner(DaemonSetController.Config config, ControllerContext context) {
        this(config, context, appsV1(context.informers().informerFor(DaemonSet.class)));
    }

    /**
     * E7.3: the same controller for OpenKruise's Advanced DaemonSets ({@code apps.kruise.io/v1alpha1}),
     * each seen through its apps/v1 view; its writes of the DaemonSet itself go to the advanced object.
     */
    public static DaemonSetRunner advanced(DaemonSetController.Config config, ControllerContext context) {
        Informer<AdvancedDaemonSet> informer = context.informers().informerFor(AdvancedDaemonSet.class);
        AdvancedDaemonSets views = new AdvancedDaemonSets(informer.lister());
        KubeClient client = context.client();
        return new DaemonSetRunner(config, context, new Kind() {
            @Override
            public Lister<DaemonSet> lister() {
                return views;
            }

            @Override
            public void addEventHandler(ResourceEventHandler<DaemonSet> handler) {
                views.addEventHandler(informer, handler);
            }

            @Override
            public DaemonSetActions actions(ClientDaemonSetActions pods) {
                return new AdvancedDaemonSetActions(pods, client, informer.lister());
            }
        });
    }

    private static Kind appsV1(Informer<DaemonSet> informer) {
        return new Kind() {
            @Override
            public Lister<DaemonSet> lister() {
                return informer.lister();
            }

            @Override
            public void addEventHandler(ResourceEventHandler<DaemonSet> handler) {
                informer.addEventHandler(handler);
            }

            @Override
            public DaemonSetActions actions(ClientDaemonSetActions pods) {
                return pods;
            }
        };
    }

    private DaemonSetRunner(DaemonSetController.Config config, ControllerContext context, Kind daemonSets) {
        Informer<ControllerRevision> revisions = context.informers().informerFor(ControllerRevision.class);
        Informer<Pod> pods = context.pods();
        Informer<Node> nodes = context.nodes();
        this.events = new EventRecorder(context.client(), ClientDaemonSetActions.COMPONENT, context.clock());
        DaemonSetActions actions = daemonSets.actions(new ClientDaemonSetActions(context.client(), events));
        this.writes = Executors.newFixedThreadPool(WRITE_PARALLELISM, r -> {
            Thread t = new Thread(r, "daemonset-controller-write");
            t.setDaemon(true);
            return t;
        });
        this.controller = new DaemonSetController(
                config,
                new CachedDaemonSetWorld(daemonSets.lister(), nodes.lister(), pods.lister(), revisions.lister()),
                actions,
                context.clock(),
                writes);
        this.clock = context.clock();
        this.daemonSetLister = daemonSets.lister();
        this.queue = new WorkQueue<>(context.clock());
        this.worker = new QueueWorker("daemonset-controller", queue, this::sync);
        daemonSets.addEventHandler(ResourceEventHandler.of(
                ds -> enqueue(controller.onDaemonSetAdded(ds)),
                (old, cur) -> {
                    Reaction r = controller.onDaemonSetUpdated(old, cur);
                    boolean sameSpec = Objects.equals(
                                    old.getMetadata().getUid(),
                                    cur.getMetadata().getUid())
                            && Objects.equals(old.getSpec(), cur.getSpec())
                            && Objects.equals(
                                    old.getMetadata().getDeletionTimestamp(),
                                    cur.getMetadata().getDeletionTimestamp());
                    if (sameSpec) enqueueCoalesced(r);
                    else enqueue(r);
                },
                ds -> enqueue(controller.onDaemonSetDeleted(ds))));
        nodes.addEventHandler(handler(controller::onNodeAdded, controller::onNodeUpdated, n -> Reaction.none()));
        pods.addEventHandler(ResourceEventHandler.of(
                pod -> enqueueUnlessAwaiting(controller.onPodAdded(pod)),
                (old, cur) -> {
                    Reaction r = controller.onPodUpdated(old, cur);
                    if (r.observations().isEmpty()) enqueueCoalesced(r);
                    else enqueueUnlessAwaiting(r); // became terminating: counts as a deletion
                },
                pod -> enqueueUnlessAwaiting(controller.onPodDeleted(pod))));
        revisions.addEventHandler(
                handler(controller::onRevisionAdded, controller::onRevisionUpdated, controller::onRevisionDeleted));
    }

    private interface Updated<T> {
        Reaction apply(T old, T cur);
    }

    private <T> ResourceEventHandler<T> handler(
            Function<T, Reaction> added, Updated<T> updated, Function<T, Reaction> deleted) {
        return ResourceEventHandler.of(
                o -> enqueue(added.apply(o)), (o, n) -> enqueue(updated.apply(o, n)), o -> enqueue(deleted.apply(o)));
    }

    private void enqueue(Reaction r) {
        r.enqueue().forEach(queue::add);
        r.enqueueAfter().forEach(queue::addAfter);
    }

    /** Keys whose DaemonSet still awaits other creates or deletes are coalesced; the rest queued now. */
    private void enqueueUnlessAwaiting(Reaction r) {
        for (String key : r.enqueue()) {
            if (controller.expectationsSatisfied(key)) queue.add(key);
            else queue.addAfter(key, coalesceDelay(key));
        }
        r.enqueueAfter().forEach(queue::addAfter);
    }

    private void enqueueCoalesced(Reaction r) {
        r.enqueue().forEach(key -> queue.addAfter(key, coalesceDelay(key)));
        r.enqueueAfter().forEach(queue::addAfter);
    }

    /** Zero after a quiet spell; else what is left of {@link #COALESCE} since the key's last sync started. */
    private Duration coalesceDelay(String key) {
        Instant last = lastSyncStart.get(key);
        if (last == null) return Duration.ZERO;
        Duration left = Duration.between(clock.instant(), last.plus(COALESCE));
        return left.isNegative() ? Duration.ZERO : left;
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
        events.close();
    }

    private void sync(String key) {
        if (key.equals(GC_BACKOFF)) {
            controller.gcBackoff();
            queue.addAfter(GC_BACKOFF, GC_BACKOFF_EVERY);
            return;
        }
        lastSyncStart.put(key, clock.instant());
        SyncResult result = controller.sync(key);
        if (daemonSetLister.get(key).isEmpty()) lastSyncStart.remove(key); // gone: nothing left to coalesce
        result.requeueAfter().ifPresent(d -> queue.addAfter(key, d));
        if (result.error().isPresent()) {
            Exception e = result.error().get();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }
}

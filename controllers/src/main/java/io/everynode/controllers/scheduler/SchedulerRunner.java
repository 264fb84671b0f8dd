package io.everynode.controllers.scheduler;

import io.everynode.api.Nodes;
import io.everynode.client.EventRecorder;
import io.everynode.client.Lister;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link Scheduler} on one worker thread. Informer handlers only queue keys; the worker
 * hands each change to the scheduler from the cache, then schedules every pod that is ready,
 * and finally arms a timer (a delayed key on the same queue, on the injected clock) for the
 * earliest back-off that ends: {@link Scheduler#nextAttemptAt()}.
 *
 * <p>Binding cycles run on a bounded pool ({@link #BIND_PARALLELISM} threads, a queue of
 * {@link #BIND_BACKLOG}; when both are full the scheduling thread binds the pod itself, which
 * slows scheduling to the store's pace rather than piling up work). Each finished cycle queues
 * {@code schedule}, so the worker applies its outcome.
 *
 * <p>Keys: {@code pod:<namespace>/<name>} for a pod change, {@code nodes} for any relevant node
 * change, {@code schedule} for the timer. Each sync is safe to repeat.
 */
public final class SchedulerRunner implements Controller {
    static final String NODES = "nodes";
    static final String SCHEDULE = "schedule";
    private static final String POD = "pod:";
    /**
     * Binds in flight at once. A bind is mostly a wait on the store's commit, so overlapping them
     * lets it group commits (one at a time, binding ran at ~44 pods/s on a loaded SQLite).
     */
    static final int BIND_PARALLELISM = 16;

    static final int BIND_BACKLOG = 1000;

    private final Scheduler scheduler;
    private final Lister<Pod> pods;
    private final Clock clock;
    private final WorkQueue<String> queue;
    private final QueueWorker worker;
    private final ThreadPoolExecutor binder;
    private final EventRecorder events;
    /** Last state of deleted pods, until the worker has told the scheduler (written by the informer thread). */
    private final Map<String, Pod> deleted = new ConcurrentHashMap<>();

    public SchedulerRunner(SchedulerConfig config, ControllerContext context) {
        this.clock = context.clock();
        this.pods = context.pods().lister();
        // A Scheduled event per bound pod: written as many at once as binds run, as before they were written by the
        // binds.
        this.events = new EventRecorder(
                context.client(), ClientSchedulerActions.COMPONENT, clock, EventRecorder.CAPACITY, BIND_PARALLELISM);
        context.pods().addIndex(CachedSchedulerWorld.PODS_BY_NOMINATED_NODE, p -> {
            String n = p.getStatus() == null ? null : p.getStatus().getNominatedNodeName();
            return n == null || n.isEmpty() ? java.util.List.of() : java.util.List.of(n);
        });
        this.queue = new WorkQueue<>(clock);
        this.binder = new ThreadPoolExecutor(
                BIND_PARALLELISM,
                BIND_PARALLELISM,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(BIND_BACKLOG),
                r -> {
                    Thread t = new Thread(r, "scheduler-bind");
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
        binder.allowCoreThreadTimeOut(true);
        this.scheduler = new Scheduler(
                config,
                new CachedSchedulerWorld(context.nodes().lister(), pods),
                new ClientSchedulerActions(context.client(), events),
                clock,
                binder,
                () -> queue.add(SCHEDULE));
        this.worker = new QueueWorker("scheduler", queue, this::sync);
        context.pods()
                .addEventHandler(ResourceEventHandler.of(
                        pod -> queue.add(POD + Lister.key(pod)),
                        (oldPod, newPod) -> {
                            if (!statusOnlyChangeOfUnboundPod(oldPod, newPod)) queue.add(POD + Lister.key(newPod));
                        },
                        pod -> {
                            deleted.put(Lister.key(pod), pod);
                            queue.add(POD + Lister.key(pod));
                        }));
        context.nodes()
                .addEventHandler(
                        ResourceEventHandler.onAnyChange(SchedulerRunner::affectsPlacement, node -> queue.add(NODES)));
    }

    @Override
    public void start() {
        queue.add(SCHEDULE);
        worker.start();
    }

    @Override
    public void close() {
        worker.close();
        binder.shutdown();
        events.close();
    }

    private void sync(String key) {
        if (key.startsWith(POD)) {
            String podKey = key.substring(POD.length());
            Pod gone = deleted.remove(podKey);
            if (gone != null) scheduler.onPodDelete(gone); // before a re-created namesake below
            pods.get(podKey).ifPresent(scheduler::onPodChange);
        } else if (key.equals(NODES)) {
            scheduler.onNodeChange();
        }
        while (scheduler.scheduleNext().isPresent()) {
            // one pod per call; keep going while pods are ready
        }
        Optional<Instant> next = scheduler.nextAttemptAt();
        if (next.isPresent()) {
            queue.addAfter(SCHEDULE, Duration.between(clock.instant(), next.get()));
        }
    }

    /**
     * The scheduler's own status writes (PodScheduled=False, nominatedNodeName) must not wake the
     * pod it just parked, or every parked pod would be retried after each back-off: upstream
     * ignores updates of unscheduled pods that change only status and bookkeeping metadata.
     */
    static boolean statusOnlyChangeOfUnboundPod(Pod oldPod, Pod newPod) {
        return nodeName(oldPod).isEmpty()
                && nodeName(newPod).isEmpty()
                && Objects.equals(oldPod.getSpec(), newPod.getSpec())
                && Objects.equals(
                        oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels())
                && Objects.equals(
                        oldPod.getMetadata().getAnnotations(),
                        newPod.getMetadata().getAnnotations())
                && Objects.equals(
                        oldPod.getMetadata().getDeletionTimestamp(),
                        newPod.getMetadata().getDeletionTimestamp())
                && Objects.equals(
                        oldPod.getMetadata().getUid(), newPod.getMetadata().getUid());
    }

    private static String nodeName(Pod p) {
        return p.getSpec() == null || p.getSpec().getNodeName() == null
                ? ""
                : p.getSpec().getNodeName();
    }

    /**
     * Heartbeats rewrite node status every few seconds; only changes that can make a pod fit
     * (or stop fitting) wake parked pods, as upstream's node-update filter does.
     */
    static boolean affectsPlacement(Node oldNode, Node newNode) {
        return !Objects.equals(
                        oldNode.getMetadata().getLabels(), newNode.getMetadata().getLabels())
                || !Objects.equals(oldNode.getSpec(), newNode.getSpec())
                || !Objects.equals(allocatable(oldNode), allocatable(newNode))
                || !Objects.equals(Nodes.readyStatus(oldNode), Nodes.readyStatus(newNode));
    }

    private static Object allocatable(Node n) {
        return n.getStatus() == null ? null : n.getStatus().getAllocatable();
    }
}

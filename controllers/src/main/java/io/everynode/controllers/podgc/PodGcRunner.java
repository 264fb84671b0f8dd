package io.everynode.controllers.podgc;

import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs the {@link PodGarbageCollector} on one worker thread: one key, {@code gc}, whose sync is a
 * whole pass and re-arms itself for the time the pass returns (its period, or sooner when a
 * quarantine ends). Pod GC is periodic upstream too, so it needs no event handlers.
 */
public final class PodGcRunner implements Controller {
    static final String GC = "gc";

    private final PodGarbageCollector collector;
    private final Clock clock;
    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public PodGcRunner(PodGcConfig config, ControllerContext context) {
        this.clock = context.clock();
        this.collector = new PodGarbageCollector(
                config,
                new CachedPodGcWorld(context.pods().lister(), context.nodes().lister(), context.client()),
                new ClientPodGcActions(context.client()),
                clock);
        this.queue = new WorkQueue<>(clock);
        this.worker = new QueueWorker("pod-gc", queue, this::sync);
    }

    @Override
    public void start() {
        queue.add(GC);
        worker.start();
    }

    @Override
    public void close() {
        worker.close();
    }

    private void sync(String key) {
        queue.addAfter(GC, Duration.between(clock.instant(), collector.gc()));
    }
}

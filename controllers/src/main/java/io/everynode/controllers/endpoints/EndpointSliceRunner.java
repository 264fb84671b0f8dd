package io.everynode.controllers.endpoints;

import io.everynode.client.Informer;
import io.everynode.client.Lister;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Duration;

/**
 * Runs the {@link EndpointSliceController} on one worker: keys are Service keys. A Service change
 * queues its key; a pod change queues every Service selecting it before or after; a change to a
 * managed slice queues its Service (so a slice edited or deleted by hand is put right, and a sync
 * waiting for the cache hears when it caught up).
 */
public final class EndpointSliceRunner implements Controller {
    /** A sync that waited for the cache runs again after this, if no slice event came first. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public EndpointSliceRunner(ControllerContext context) {
        Informer<Service> services = context.informers().informerFor(Service.class);
        Informer<EndpointSlice> slices = context.informers().informerFor(EndpointSlice.class);
        Informer<Pod> pods = context.pods();
        EndpointSliceController controller = new EndpointSliceController(
                services.lister(),
                pods.lister(),
                slices.lister(),
                context.nodes().lister(),
                new ClientEndpointSliceActions(context.client()),
                context.clock(),
                SlicePlanner.MAX_PER_SLICE);
        this.queue = new WorkQueue<>(context.clock());
        this.worker = new QueueWorker("endpointslice-controller", queue, key -> {
            if (!controller.sync(key)) queue.addAfter(key, RECHECK);
        });
        Lister<Service> serviceLister = services.lister();
        services.addEventHandler(ResourceEventHandler.onAnyChange(s -> queue.add(Lister.key(s))));
        slices.addEventHandler(ResourceEventHandler.onAnyChange(
                sl -> EndpointSliceController.serviceKeyOf(sl).ifPresent(queue::add)));
        pods.addEventHandler(ResourceEventHandler.of(
                p -> ServiceSelection.serviceKeysFor(serviceLister, p).forEach(queue::add),
                (old, cur) ->
                        ServiceSelection.serviceKeysFor(serviceLister, old, cur).forEach(queue::add),
                p -> ServiceSelection.serviceKeysFor(serviceLister, p).forEach(queue::add)));
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void close() {
        worker.close();
    }
}

package io.everynode.controllers.endpoints;

import io.everynode.client.Informer;
import io.everynode.client.Lister;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;

/**
 * Runs the {@link EndpointsController} on one worker: keys are Service keys. A Service change
 * queues its key; a pod change queues every Service that selects the pod before or after it; a
 * change to an Endpoints object queues the Service of its name, if there is one, so an edit or a
 * delete by hand is put right (Endpoints a user made for no Service are not the controller's).
 */
public final class EndpointsRunner implements Controller {
    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public EndpointsRunner(ControllerContext context) {
        Informer<Service> services = context.informers().informerFor(Service.class);
        Informer<Endpoints> endpoints = context.informers().informerFor(Endpoints.class);
        Informer<Pod> pods = context.pods();
        EndpointsController controller = new EndpointsController(
                services.lister(), pods.lister(), endpoints.lister(), new ClientEndpointsActions(context.client()));
        this.queue = new WorkQueue<>(context.clock());
        this.worker = new QueueWorker("endpoints-controller", queue, controller::sync);
        Lister<Service> serviceLister = services.lister();
        services.addEventHandler(ResourceEventHandler.onAnyChange(s -> queue.add(Lister.key(s))));
        endpoints.addEventHandler(ResourceEventHandler.onAnyChange(e -> {
            // Only Endpoints of a Service are ours to repair; one made by hand for no Service stays.
            if (serviceLister.get(Lister.key(e)).isPresent()) queue.add(Lister.key(e));
        }));
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

package io.everynode.controllers.serviceaccount;

import io.everynode.client.Informer;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;

/**
 * Runs the {@link ServiceAccountsController} on one worker: keys are namespace names. A namespace
 * added or updated queues itself; a {@code default} ServiceAccount deleted queues its namespace.
 */
public final class ServiceAccountsRunner implements Controller {
    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public ServiceAccountsRunner(ControllerContext context) {
        Informer<Namespace> namespaces = context.informers().informerFor(Namespace.class);
        Informer<ServiceAccount> accounts = context.informers().informerFor(ServiceAccount.class);
        ServiceAccountsController controller = new ServiceAccountsController(
                namespaces.lister(), accounts.lister(), new ClientServiceAccountActions(context.client()));
        this.queue = new WorkQueue<>(context.clock());
        this.worker = new QueueWorker("serviceaccounts-controller", queue, controller::sync);
        namespaces.addEventHandler(ResourceEventHandler.of(
                ns -> queue.add(ns.getMetadata().getName()),
                (old, cur) -> queue.add(cur.getMetadata().getName()),
                ns -> {}));
        accounts.addEventHandler(ResourceEventHandler.of(sa -> {}, (old, cur) -> {}, sa -> {
            if (ServiceAccountsController.DEFAULT.equals(sa.getMetadata().getName()))
                queue.add(sa.getMetadata().getNamespace());
        }));
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

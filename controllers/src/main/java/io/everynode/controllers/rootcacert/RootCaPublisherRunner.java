package io.everynode.controllers.rootcacert;

import io.everynode.client.Informer;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;

/**
 * Runs the {@link RootCaPublisher} on one worker: keys are namespace names. A namespace added or
 * updated queues itself; a {@code kube-root-ca.crt} ConfigMap changed or deleted queues its
 * namespace, so an edit is set back and a deletion repaired.
 */
public final class RootCaPublisherRunner implements Controller {
    private final QueueWorker worker;

    public RootCaPublisherRunner(String caPem, ControllerContext context) {
        Informer<Namespace> namespaces = context.informers().informerFor(Namespace.class);
        Informer<ConfigMap> configMaps = context.informers().informerFor(ConfigMap.class);
        RootCaPublisher publisher = new RootCaPublisher(
                caPem, namespaces.lister(), configMaps.lister(), new ClientRootCaActions(context.client()));
        WorkQueue<String> queue = new WorkQueue<>(context.clock());
        this.worker = new QueueWorker("root-ca-cert-publisher", queue, publisher::sync);
        namespaces.addEventHandler(ResourceEventHandler.of(
                ns -> queue.add(ns.getMetadata().getName()),
                (old, cur) -> queue.add(cur.getMetadata().getName()),
                ns -> {}));
        configMaps.addEventHandler(ResourceEventHandler.of(
                cm -> {},
                (old, cur) -> {
                    if (RootCaPublisher.NAME.equals(cur.getMetadata().getName()))
                        queue.add(cur.getMetadata().getNamespace());
                },
                cm -> {
                    if (RootCaPublisher.NAME.equals(cm.getMetadata().getName()))
                        queue.add(cm.getMetadata().getNamespace());
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

package io.everynode.controllers.certificates;

import io.everynode.client.EventRecorder;
import io.everynode.client.Informer;
import io.everynode.client.Lister;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.security.SecureRandom;

/**
 * Runs the {@link SigningController} on one worker: every added or changed request queues its
 * name. Built only with a {@link SigningConfig} (a manager without a CA signs nothing).
 */
public final class CsrSigningRunner implements Controller {
    private final EventRecorder events;
    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public CsrSigningRunner(SigningConfig config, ControllerContext context) {
        Informer<CertificateSigningRequest> csrs = context.informers().informerFor(CertificateSigningRequest.class);
        this.events = new EventRecorder(context.client(), ClientSigningActions.COMPONENT, context.clock());
        SigningController controller = new SigningController(
                csrs.lister(),
                config,
                new ClientSigningActions(context.client(), events, context.clock()),
                context.clock(),
                new SecureRandom());
        this.queue = new WorkQueue<>(context.clock());
        this.worker = new QueueWorker("csrsigning-controller", queue, controller::sync);
        csrs.addEventHandler(ResourceEventHandler.onAnyChange(csr -> queue.add(Lister.key(csr))));
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
}

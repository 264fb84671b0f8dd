package io.everynode.controllers.certificates;

import io.everynode.client.Informer;
import io.everynode.client.Lister;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;

/**
 * Runs the {@link ApprovingController} on one worker: every added or changed request queues its
 * name; the requestor's permissions are asked with SubjectAccessReviews ({@link SarAccessCheck}).
 */
public final class CsrApprovingRunner implements Controller {
    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public CsrApprovingRunner(ControllerContext context) {
        this(context, new SarAccessCheck(context.client()));
    }

    public CsrApprovingRunner(ControllerContext context, AccessCheck access) {
        Informer<CertificateSigningRequest> csrs = context.informers().informerFor(CertificateSigningRequest.class);
        ApprovingController controller =
                new ApprovingController(csrs.lister(), access, new ClientApprovalActions(context.client()));
        this.queue = new WorkQueue<>(context.clock());
        this.worker = new QueueWorker("csrapproving-controller", queue, controller::sync);
        csrs.addEventHandler(ResourceEventHandler.onAnyChange(csr -> queue.add(Lister.key(csr))));
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

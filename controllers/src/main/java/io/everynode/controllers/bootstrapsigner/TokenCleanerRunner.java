package io.everynode.controllers.bootstrapsigner;

import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.client.Informer;
import io.everynode.client.Lister;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.util.Optional;

/**
 * Runs the {@link TokenCleaner} on one worker, keyed by Secret ({@code kube-system/name}): a
 * bootstrap-token Secret added or changed is judged at once and again when it expires.
 */
public final class TokenCleanerRunner implements Controller {
    private final Lister<Secret> secrets;
    private final BootstrapActions actions;
    private final Clock clock;
    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public TokenCleanerRunner(ControllerContext context) {
        Informer<Secret> informer = context.informers().informerFor(Secret.class);
        this.secrets = informer.lister();
        this.actions = new ClientBootstrapActions(context.client());
        this.clock = context.clock();
        this.queue = new WorkQueue<>(clock);
        this.worker = new QueueWorker("token-cleaner", queue, this::sync);
        informer.addEventHandler(ResourceEventHandler.of(this::enqueue, (o, n) -> enqueue(n), s -> {}));
    }

    private void enqueue(Secret s) {
        if (BootstrapTokenSecret.TYPE.equals(s.getType())
                && BootstrapTokenSecret.NAMESPACE.equals(s.getMetadata().getNamespace())) queue.add(Lister.key(s));
    }

    private void sync(String key) {
        Optional<Secret> secret = secrets.get(key);
        if (secret.isEmpty() || secret.get().getMetadata().getDeletionTimestamp() != null) return;
        Optional<BootstrapTokenSecret> token = BootstrapTokenSecret.read(secret.get());
        if (token.isEmpty()) return;
        TokenCleaner.Verdict verdict = TokenCleaner.judge(token.get(), clock.instant());
        if (verdict instanceof TokenCleaner.Delete) {
            actions.deleteTokenSecret(secret.get().getMetadata().getName());
        } else if (verdict instanceof TokenCleaner.RecheckAfter r) {
            queue.addAfter(key, r.delay());
        }
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

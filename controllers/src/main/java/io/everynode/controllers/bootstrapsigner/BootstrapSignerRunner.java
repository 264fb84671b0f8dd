package io.everynode.controllers.bootstrapsigner;

import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.api.bootstrap.ClusterInfo;
import io.everynode.client.Informer;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the {@link BootstrapSigner} on one worker with one key: any change of a bootstrap-token
 * Secret or of the {@code cluster-info} ConfigMap queues it, and so does the next expiry of a
 * token (its signature must go then). A sync writes only when the data differs.
 */
public final class BootstrapSignerRunner implements Controller {
    private static final String KEY = ClusterInfo.NAMESPACE + "/" + ClusterInfo.NAME;

    private final Informer<Secret> secrets;
    private final Informer<ConfigMap> configMaps;
    private final BootstrapSigner signer;
    private final BootstrapActions actions;
    private final Clock clock;
    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public BootstrapSignerRunner(ClusterInfoConfig config, ControllerContext context) {
        this.secrets = context.informers().informerFor(Secret.class);
        this.configMaps = context.informers().informerFor(ConfigMap.class);
        this.signer = new BootstrapSigner(config);
        this.actions = new ClientBootstrapActions(context.client());
        this.clock = context.clock();
        this.queue = new WorkQueue<>(clock);
        this.worker = new QueueWorker("bootstrap-signer", queue, k -> sync());
        secrets.addEventHandler(ResourceEventHandler.of(this::onSecret, (o, n) -> onSecret(n), this::onSecret));
        configMaps.addEventHandler(
                ResourceEventHandler.of(this::onConfigMap, (o, n) -> onConfigMap(n), this::onConfigMap));
    }

    private void onSecret(Secret s) {
        if (BootstrapTokenSecret.TYPE.equals(s.getType())
                && BootstrapTokenSecret.NAMESPACE.equals(s.getMetadata().getNamespace())) queue.add(KEY);
    }

    private void onConfigMap(ConfigMap c) {
        if (ClusterInfo.NAME.equals(c.getMetadata().getName())
                && ClusterInfo.NAMESPACE.equals(c.getMetadata().getNamespace())) queue.add(KEY);
    }

    private void sync() {
        Instant now = clock.instant();
        List<BootstrapTokenSecret> tokens = secrets.lister().list(BootstrapTokenSecret.NAMESPACE).stream()
                .filter(s -> s.getMetadata().getDeletionTimestamp() == null)
                .map(BootstrapTokenSecret::read)
                .flatMap(Optional::stream)
                .toList();
        Optional<ConfigMap> live = configMaps.lister().get(ClusterInfo.NAMESPACE, ClusterInfo.NAME);
        Map<String, String> current = live.map(c -> c.getData() == null ? Map.<String, String>of() : c.getData())
                .orElse(null);
        Optional<Map<String, String>> want = signer.desired(current, tokens, now);
        if (want.isPresent() && !want.get().equals(current)) actions.writeClusterInfo(want.get(), live.isPresent());
        BootstrapSigner.nextExpiry(tokens, now).ifPresent(t -> queue.addAfter(KEY, Duration.between(now, t)));
    }

    @Override
    public void start() {
        queue.add(KEY); // publish the kubeconfig even before the first token
        worker.start();
    }

    @Override
    public void close() {
        worker.close();
    }
}

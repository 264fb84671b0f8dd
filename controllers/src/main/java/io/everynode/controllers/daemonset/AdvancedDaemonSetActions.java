package io.everynode.controllers.daemonset;

import io.everynode.api.json.Json;
import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedView;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.Lister;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Objects;
import java.util.Optional;

/**
 * E7.3: the DaemonSet controller's writes for an Advanced DaemonSet. Pods, revisions and events
 * go as for apps/v1, forwarded (pods of the view carry the advanced kind's owner reference, events
 * name its apiVersion and uid); the writes of the DaemonSet itself go to the {@code
 * apps.kruise.io/v1alpha1} object: status with {@code daemonSetHash}, and the auto-pause or
 * auto-revert update mapped back to fields ({@link AdvancedView#applyUpdate}). Both are guarded by the resourceVersion the view carries.
 */
final class AdvancedDaemonSetActions extends ForwardingDaemonSetActions {
    private final KubeClient client;
    private final Lister<AdvancedDaemonSet> cache;

    AdvancedDaemonSetActions(DaemonSetActions pods, KubeClient client, Lister<AdvancedDaemonSet> cache) {
        super(pods);
        this.client = client;
        this.cache = cache;
    }

    @Override
    public Optional<DaemonSet> getDaemonSet(String namespace, String name) {
        return fetch(namespace, name).map(AdvancedView::of);
    }

    @Override
    public DaemonSet updateDaemonSet(DaemonSet view) {
        String ns = view.getMetadata().getNamespace();
        String name = view.getMetadata().getName();
        AdvancedDaemonSet current = fetch(ns, name)
                .orElseThrow(() -> new ActionException(
                        ActionException.Kind.NOT_FOUND, "daemonsets.apps.kruise.io \"" + name + "\" not found"));
        if (!Objects.equals(
                current.getMetadata().getResourceVersion(), view.getMetadata().getResourceVersion())) {
            throw new ActionException(
                    ActionException.Kind.CONFLICT,
                    "daemonsets.apps.kruise.io \"" + name + "\" changed since the controller read it");
        }
        AdvancedDaemonSet next = AdvancedView.applyUpdate(current, view);
        return AdvancedView.of(ActionErrors.call(() -> client.update(next)));
    }

    @Override
    public DaemonSet updateStatus(DaemonSet view) {
        String key = Lister.key(view);
        String hash = cache.get(key)
                .map(a -> a.status == null ? null : a.status.daemonSetHash)
                .orElse(null);
        return updateStatus(view, hash);
    }

    @Override
    public DaemonSet updateStatus(DaemonSet view, String revisionHash) {
        AdvancedDaemonSet base = cache.get(Lister.key(view))
                .map(a -> Json.MAPPER.convertValue(a, AdvancedDaemonSet.class))
                .orElseGet(() -> fetch(
                                view.getMetadata().getNamespace(),
                                view.getMetadata().getName())
                        .orElseThrow(() -> new ActionException(
                                ActionException.Kind.NOT_FOUND,
                                "daemonsets.apps.kruise.io \""
                                        + view.getMetadata().getName() + "\" not found")));
        base.getMetadata().setResourceVersion(view.getMetadata().getResourceVersion());
        base.status = AdvancedView.statusOf(view.getStatus(), revisionHash);
        return AdvancedView.of(ActionErrors.call(() -> client.updateStatus(base)));
    }

    private Optional<AdvancedDaemonSet> fetch(String namespace, String name) {
        try {
            return Optional.of(client.get(AdvancedDaemonSet.class, namespace, name));
        } catch (ApiError e) {
            if (e.isNotFound()) return Optional.empty();
            throw ActionErrors.translate(e);
        }
    }
}

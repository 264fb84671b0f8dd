package io.everynode.advisor;

import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedView;
import io.everynode.client.KubeClient;
import io.everynode.client.WatchEvent;
import io.everynode.client.WatchHandle;
import io.everynode.client.Watcher;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The two kinds of DaemonSet the advisor reads, and how each reads as the DaemonSet controller
 * sees it: an apps/v1 DaemonSet as it is, an {@code apps.kruise.io/v1alpha1} DaemonSet through its
 * apps/v1 view (E7.3, {@link AdvancedView#of}), so {@code why}, {@code plan} and {@code rollout
 * status} answer from the same settings the controller acts on. Only get, list and watch.
 */
public enum DaemonSetKind {
    APPS(Set.of(
            "ds",
            "daemonset",
            "daemonsets",
            "daemonset.apps",
            "daemonsets.apps",
            "daemonset.v1.apps",
            "daemonsets.v1.apps")),
    /** kubectl's names for OpenKruise's kind: its short names {@code ads} and {@code daemon}, and the group's. */
    ADVANCED(Set.of(
            "ads",
            "daemon",
            "daemonset.apps.kruise.io",
            "daemonsets.apps.kruise.io",
            "daemonset.v1alpha1.apps.kruise.io",
            "daemonsets.v1alpha1.apps.kruise.io"));

    private final Set<String> resources;

    DaemonSetKind(Set<String> resources) {
        this.resources = resources;
    }

    /**
     * The kind a kubectl resource name resolves to, as kubectl resolves it when both kinds are
     * served: the bare {@code ds}, {@code daemonset} and {@code daemonsets} are apps/v1's (the
     * preferred group); the short names and the {@code apps.kruise.io} forms the advanced kind's.
     */
    public static Optional<DaemonSetKind> ofResource(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        for (DaemonSetKind k : values()) {
            if (k.resources.contains(t)) return Optional.of(k);
        }
        return Optional.empty();
    }

    /** The kind of a manifest's apiVersion and kind; empty for anything but a DaemonSet. */
    public static Optional<DaemonSetKind> ofManifest(String apiVersion, String kind) {
        if (!"DaemonSet".equals(kind)) return Optional.empty();
        if ("apps/v1".equals(apiVersion)) return Optional.of(APPS);
        if (AdvancedDaemonSet.API_VERSION.equals(apiVersion)) return Optional.of(ADVANCED);
        return Optional.empty();
    }

    /**
     * @throws io.everynode.client.ApiError a 404 when there is no such object, or any error of the read
     */
    public DaemonSet get(KubeClient client, String namespace, String name) {
        return this == APPS
                ? client.get(DaemonSet.class, namespace, name)
                : AdvancedView.of(client.get(AdvancedDaemonSet.class, namespace, name));
    }

    /** A watch of this kind whose events carry the apps/v1 shape ({@link #get}'s). */
    public WatchHandle watch(KubeClient client, String namespace, ListOptions options, Watcher<DaemonSet> watcher) {
        if (this == APPS) return client.watch(DaemonSet.class, namespace, options, watcher);
        return client.watch(AdvancedDaemonSet.class, namespace, options, new Watcher<>() {
            @Override
            public void onEvent(WatchEvent<AdvancedDaemonSet> e) {
                watcher.onEvent(new WatchEvent<>(e.type(), e.object() == null ? null : AdvancedView.of(e.object())));
            }

            @Override
            public void onClose(Exception cause) {
                watcher.onClose(cause);
            }
        });
    }
}

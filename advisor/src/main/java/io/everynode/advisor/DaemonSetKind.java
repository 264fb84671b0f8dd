package io.everynode.advisor;

import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedView;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.client.KubeClient;
import io.everynode.client.WatchEvent;
import io.everynode.client.WatchHandle;
import io.everynode.client.Watcher;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.HashSet;
import java.util.List;
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
    APPS(ResourceTypes.DAEMONSETS, true),
    /** OpenKruise's kind: its short names {@code daemon} and {@code ads}, and the names qualified by its group. */
    ADVANCED(ResourceTypes.ADVANCED_DAEMONSETS, false);

    private final ResourceType type;
    private final Set<String> resources;

    DaemonSetKind(ResourceType type, boolean preferred) {
        this.type = type;
        this.resources = names(type, preferred);
    }

    /**
     * kubectl's names for a served resource, from how the API server serves it: its short names;
     * its plural and singular qualified by the group and by version and group; and, for the
     * preferred group's resource only, the plural and singular alone.
     */
    private static Set<String> names(ResourceType t, boolean preferred) {
        Set<String> out = new HashSet<>(t.shortNames());
        for (String n : List.of(t.resource(), t.singular())) {
            if (preferred) out.add(n);
            out.add(n + "." + t.group());
            out.add(n + "." + t.version() + "." + t.group());
        }
        return Set.copyOf(out);
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
        for (DaemonSetKind k : values()) {
            if (k.type.kind().equals(kind) && k.type.apiVersion().equals(apiVersion)) return Optional.of(k);
        }
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

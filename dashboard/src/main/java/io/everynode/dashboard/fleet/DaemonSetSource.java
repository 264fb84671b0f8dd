package io.everynode.dashboard.fleet;

import io.everynode.advisor.DaemonSetKind;
import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedView;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Optional;
import java.util.function.Function;

/**
 * The DaemonSets of one kind in one namespace, informed on as stored and read as the apps/v1
 * DaemonSet the controller acts on: an apps/v1 DaemonSet as it is, an Advanced DaemonSet through
 * its view (E7.3, {@link AdvancedView#of}). So the grid and the rollout chart have one code path
 * for both kinds ({@link FleetCells}, {@code RolloutFacts}).
 *
 * <p>Lifecycle: the owning stream's; {@link #close()} stops the informer.
 */
final class DaemonSetSource<T extends HasMetadata> implements AutoCloseable {
    private final Informer<T> informer;
    private final Function<T, DaemonSet> view;

    private DaemonSetSource(Informer<T> informer, Function<T, DaemonSet> view) {
        this.informer = informer;
        this.view = view;
    }

    /** An informer (not started) on {@code kind} in {@code namespace}, through {@code caller}'s client. */
    static DaemonSetSource<?> of(DaemonSetKind kind, KubeClient caller, String namespace) {
        return switch (kind) {
            case APPS -> new DaemonSetSource<>(new Informer<>(caller, DaemonSet.class, namespace), ds -> ds);
            case ADVANCED ->
                new DaemonSetSource<>(new Informer<>(caller, AdvancedDaemonSet.class, namespace), AdvancedView::of);
        };
    }

    /** Runs {@code action} on every add, update and delete of the object named {@code name}. */
    void onChangeOf(String name, Runnable action) {
        informer.onAnyChange(o -> {
            if (name.equals(o.getMetadata().getName())) action.run();
        });
    }

    /** The cached object's apps/v1 view; empty when it is not (or no longer) there. */
    Optional<DaemonSet> get(String namespace, String name) {
        return informer.lister().get(namespace, name).map(view);
    }

    boolean hasSynced() {
        return informer.hasSynced();
    }

    void start() {
        informer.start();
    }

    @Override
    public void close() {
        informer.close();
    }
}

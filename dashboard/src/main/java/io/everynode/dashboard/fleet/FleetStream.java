package io.everynode.dashboard.fleet;

import io.everynode.advisor.DaemonSetKind;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.dashboard.rollout.RolloutFacts;
import io.everynode.dashboard.rollout.RolloutSeries;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One browser's live grid of one DaemonSet of either kind: informers (list, then watch; no
 * polling) on the DaemonSets of that kind and the pods of its namespace and on the nodes, all
 * through the caller's own client; an Advanced DaemonSet is read as its apps/v1 view
 * ({@link DaemonSetSource}), so the cells and the chart are decided by one code path,
 * and a flush that turns whatever changed since the last one into one batch line
 * ({@link FleetMessages}). Handlers only mark the grid dirty (design.md rule 1); the flush
 * recomputes it from the caches ({@link FleetCells}) and sends the difference ({@link FleetDiff}).
 *
 * <p>Threading: informer threads only set a flag; {@link #flush()} is called by one scheduler
 * thread at a time. A failed write (the browser left) closes the stream and its informers
 * ({@link InformerStream}).
 */
public final class FleetStream extends InformerStream {
    private final DaemonSetKind kind;
    private final String namespace;
    private final String name;
    private final Clock clock;
    private final RolloutSeries rollout = new RolloutSeries();
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final FleetDiff diff = new FleetDiff();
    private DaemonSetSource<?> daemonSets;
    private Informer<Node> nodes;
    private Informer<Pod> pods;
    private boolean snapshotSent;
    /** The resourceVersion of the DaemonSet the last line described: its counts change with it. */
    private String sentVersion;

    /**
     * @param kind the DaemonSet's kind (apps/v1 or the Advanced DaemonSet)
     * @param flushesPerPing how many flushes without news before a ping line is sent
     * @param clock when the rollout chart's points were seen
     */
    public FleetStream(
            KubeClient caller,
            DaemonSetKind kind,
            String namespace,
            String name,
            Sink sink,
            int flushesPerPing,
            Clock clock) {
        super(caller, sink, flushesPerPing, FleetMessages.ping());
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        this.clock = clock;
    }

    /**
     * Checks that the caller may read the DaemonSet, the nodes and the pods, then starts the
     * informers. Nothing is streamed before these reads pass, so a refusal reaches the browser
     * as the API's own Status.
     *
     * @throws io.everynode.client.ApiError the API's refusal (403, 404 …)
     */
    @Override
    public void start() {
        KubeClient caller = caller();
        kind.get(caller, namespace, name);
        caller.list(Node.class, null, new ListOptionsBuilder().withLimit(1L).build());
        caller.list(Pod.class, namespace, new ListOptionsBuilder().withLimit(1L).build());
        daemonSets = DaemonSetSource.of(kind, caller, namespace);
        nodes = new Informer<>(caller, Node.class, null);
        pods = new Informer<>(caller, Pod.class, namespace);
        daemonSets.onChangeOf(name, () -> dirty.set(true));
        nodes.onAnyChange(n -> dirty.set(true));
        pods.onAnyChange(p -> dirty.set(true));
        daemonSets.start();
        nodes.start();
        pods.start();
    }

    @Override
    protected boolean synced() {
        return daemonSets.hasSynced() && nodes.hasSynced() && pods.hasSynced();
    }

    /** What changed since the last flush, as one line. */
    @Override
    protected boolean sendNews() throws IOException {
        if (!dirty.getAndSet(false)) return false;
        Optional<DaemonSet> ds = daemonSets.get(namespace, name);
        if (ds.isEmpty()) {
            line(FleetMessages.gone(namespace, name));
            close();
            return true;
        }
        List<Cell> cells =
                FleetCells.of(ds.get(), nodes.lister().list(), pods.lister().list());
        FleetDiff.Changes changes = diff.next(cells);
        String version = ds.get().getMetadata().getResourceVersion();
        if (!snapshotSent) {
            line(FleetMessages.snapshot(ds.get(), cells, chartStep(ds.get())));
            snapshotSent = true;
        } else if (!changes.isEmpty() || !Objects.equals(version, sentVersion)) {
            line(FleetMessages.changes(ds.get(), changes.changed(), changes.removed(), chartStep(ds.get())));
        } else {
            return false; // a change no cell shows (a node's heartbeat)
        }
        sentVersion = version;
        return true;
    }

    /** The rollout chart's news of this status (docs/dashboard.md "Rollout view"). */
    private RolloutSeries.Step chartStep(DaemonSet ds) {
        return rollout.observe(RolloutFacts.of(ds), clock.instant());
    }

    @Override
    protected void closeInformers() {
        if (daemonSets != null) daemonSets.close();
        for (Informer<?> i : new Informer<?>[] {nodes, pods}) {
            if (i != null) i.close();
        }
    }
}

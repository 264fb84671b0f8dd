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
 * thread at a time. A failed write (the browser left) closes the stream and its informers.
 */
public final class FleetStream implements LiveStream {
    private final KubeClient caller;
    private final DaemonSetKind kind;
    private final String namespace;
    private final String name;
    private final Sink sink;
    private final int flushesPerPing;
    private final Clock clock;
    private final RolloutSeries rollout = new RolloutSeries();
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FleetDiff diff = new FleetDiff();
    private DaemonSetSource<?> daemonSets;
    private Informer<Node> nodes;
    private Informer<Pod> pods;
    private boolean snapshotSent;
    /** The resourceVersion of the DaemonSet the last line described: its counts change with it. */
    private String sentVersion;

    private int quietFlushes;

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
        this.caller = caller;
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        this.sink = sink;
        this.flushesPerPing = Math.max(1, flushesPerPing);
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

    /** Sends what changed since the last flush as one line, or a ping after a quiet spell. */
    @Override
    public void flush() {
        if (closed.get()) return;
        try {
            if (!daemonSets.hasSynced() || !nodes.hasSynced() || !pods.hasSynced()) {
                ping();
                return;
            }
            if (!dirty.getAndSet(false)) {
                ping();
                return;
            }
            Optional<DaemonSet> ds = daemonSets.get(namespace, name);
            if (ds.isEmpty()) {
                sink.line(FleetMessages.gone(namespace, name));
                close();
                return;
            }
            List<Cell> cells =
                    FleetCells.of(ds.get(), nodes.lister().list(), pods.lister().list());
            FleetDiff.Changes changes = diff.next(cells);
            String version = ds.get().getMetadata().getResourceVersion();
            if (!snapshotSent) {
                sink.line(FleetMessages.snapshot(ds.get(), cells, chartStep(ds.get())));
                snapshotSent = true;
            } else if (!changes.isEmpty() || !java.util.Objects.equals(version, sentVersion)) {
                sink.line(FleetMessages.changes(ds.get(), changes.changed(), changes.removed(), chartStep(ds.get())));
            } else {
                ping(); // a change no cell shows (a node's heartbeat)
                return;
            }
            sentVersion = version;
            quietFlushes = 0;
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    /** The rollout chart's news of this status (docs/dashboard.md "Rollout view"). */
    private RolloutSeries.Step chartStep(DaemonSet ds) {
        return rollout.observe(RolloutFacts.of(ds), clock.instant());
    }

    private void ping() throws IOException {
        if (++quietFlushes >= flushesPerPing) {
            quietFlushes = 0;
            sink.line(FleetMessages.ping());
        }
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (daemonSets != null) daemonSets.close();
        for (Informer<?> i : new Informer<?>[] {nodes, pods}) {
            if (i != null) i.close();
        }
        caller.close();
        sink.end();
    }
}

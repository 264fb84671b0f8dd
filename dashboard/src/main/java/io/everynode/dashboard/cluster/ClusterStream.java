package io.everynode.dashboard.cluster;

import io.everynode.client.ApiError;
import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.dashboard.fleet.InformerStream;
import io.everynode.dashboard.fleet.LiveStream;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One browser's live cluster view: informers (list, then watch; no polling) on the nodes, on
 * every pod (for what each node's pods request) and on the events {@code filter} can match (in
 * its namespace when it names one), all through the caller's own client. Handlers only mark a
 * part dirty; {@link #flush()} sends the node rows that changed and, when events changed, the
 * latest matching ones ({@link ClusterMessages}).
 *
 * <p>RBAC: the nodes are the view; a caller who may not list them is refused with the API's
 * own Status. Pods and events are parts of it: a caller who may not list those still gets the
 * rows (without requests) or no events, and the snapshot says which part the API refused.
 *
 * <p>Threading: as every {@link LiveStream}: informer threads only set flags; one scheduler thread
 * flushes. A failed write (the browser left) closes the stream and its informers
 * ({@link InformerStream}).
 */
public final class ClusterStream extends InformerStream {
    private final EventFilter filter;
    private final AtomicBoolean nodesDirty = new AtomicBoolean(true);
    private final AtomicBoolean eventsDirty = new AtomicBoolean(true);
    private final Map<String, String> notAllowed = new LinkedHashMap<>();
    private Informer<Node> nodes;
    private Informer<Pod> pods;
    private Informer<Event> events;
    private Map<String, NodeRow> sent = new HashMap<>();
    private boolean snapshotSent;

    /** @param flushesPerPing how many flushes without news before a ping line is sent */
    public ClusterStream(KubeClient caller, EventFilter filter, LiveStream.Sink sink, int flushesPerPing) {
        super(caller, sink, flushesPerPing, ClusterMessages.ping());
        this.filter = filter;
    }

    /**
     * Checks what the caller may list, then starts the informers.
     *
     * @throws ApiError the API's refusal to list nodes (403, 401)
     */
    @Override
    public void start() {
        KubeClient caller = caller();
        caller.list(Node.class, null, new ListOptionsBuilder().withLimit(1L).build());
        nodes = new Informer<>(caller, Node.class, null);
        nodes.onAnyChange(n -> nodesDirty.set(true));
        if (mayList(Pod.class, null, "pods")) {
            pods = new Informer<>(caller, Pod.class, null);
            pods.onAnyChange(p -> nodesDirty.set(true));
        }
        String ns = filter.namespace().isEmpty() ? null : filter.namespace();
        if (mayList(Event.class, ns, "events")) {
            events = new Informer<>(caller, Event.class, ns);
            events.onAnyChange(e -> {
                if (filter.matches(e)) eventsDirty.set(true);
            });
        }
        for (Informer<?> i : informers()) i.start();
    }

    /** Whether the caller may list {@code kind}; when not, the API's words go into the snapshot. */
    private boolean mayList(Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> kind, String ns, String part) {
        try {
            caller().list(kind, ns, new ListOptionsBuilder().withLimit(1L).build());
            return true;
        } catch (ApiError e) {
            if (e.code() != 403) throw e;
            notAllowed.put(part, e.getMessage());
            return false;
        }
    }

    private List<Informer<?>> informers() {
        List<Informer<?>> out = new ArrayList<>();
        for (Informer<?> i : new Informer<?>[] {nodes, pods, events}) if (i != null) out.add(i);
        return out;
    }

    @Override
    protected boolean synced() {
        return informers().stream().allMatch(Informer::hasSynced);
    }

    /** The node rows that changed and, when events changed, the latest matching ones. */
    @Override
    protected boolean sendNews() throws IOException {
        boolean rowsChanged = nodesDirty.getAndSet(false);
        boolean eventsChanged = eventsDirty.getAndSet(false);
        List<Event> latest = eventsChanged || !snapshotSent ? latestEvents() : List.of();
        if (!snapshotSent) {
            List<NodeRow> rows = rows();
            remember(rows);
            line(ClusterMessages.snapshot(rows, latest, notAllowed));
            snapshotSent = true;
            return true;
        }
        boolean sentSomething = false;
        if (rowsChanged) {
            List<NodeRow> rows = rows();
            List<NodeRow> changed = new ArrayList<>();
            for (NodeRow r : rows) if (!Objects.equals(r, sent.get(r.name()))) changed.add(r);
            TreeSet<String> removed = new TreeSet<>(sent.keySet());
            rows.forEach(r -> removed.remove(r.name()));
            remember(rows);
            if (!changed.isEmpty() || !removed.isEmpty()) {
                line(ClusterMessages.nodes(changed, removed));
                sentSomething = true;
            }
        }
        if (eventsChanged) {
            line(ClusterMessages.events(latest));
            sentSomething = true;
        }
        return sentSomething;
    }

    private List<NodeRow> rows() {
        return NodeRows.of(
                nodes.lister().list(), pods == null ? List.of() : pods.lister().list());
    }

    private List<Event> latestEvents() {
        return events == null ? List.of() : filter.latest(events.lister().list());
    }

    private void remember(List<NodeRow> rows) {
        Map<String, NodeRow> next = new HashMap<>();
        rows.forEach(r -> next.put(r.name(), r));
        sent = next;
    }

    @Override
    protected void closeInformers() {
        for (Informer<?> i : informers()) i.close();
    }
}

package io.everynode.advisor.why;

import io.everynode.advisor.DaemonSetKind;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Clock;
import java.util.List;

/**
 * Reads a {@link WhyInput} through any API server: get the DaemonSet (of either {@link
 * DaemonSetKind}), list nodes, pods (all
 * namespaces, for what each node already runs) and the namespace's events. Only get and list, so
 * it works with read-only credentials on a real Kubernetes cluster as well as on Everynode.
 */
public final class WhyReader {
    private final KubeClient client;
    private final Clock clock;

    public WhyReader(KubeClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** An apps/v1 DaemonSet's input. */
    public WhyInput read(String namespace, String name) {
        return read(DaemonSetKind.APPS, namespace, name);
    }

    /**
     * The input for a DaemonSet of either kind; an advanced one is read through its apps/v1 view
     * (E7.3), so its partition, selector, pause and stages are the controller's.
     *
     * @throws io.everynode.client.ApiError a 404 when the DaemonSet does not exist, or any error of the reads
     */
    public WhyInput read(DaemonSetKind kind, String namespace, String name) {
        DaemonSet ds = kind.get(client, namespace, name);
        List<Node> nodes = client.list(Node.class, null).items();
        List<Pod> all = client.list(Pod.class, null).items();
        String uid = ds.getMetadata().getUid();
        List<Pod> mine = all.stream()
                .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
                .filter(p -> controlledBy(p, uid))
                .toList();
        List<Event> events = client.list(Event.class, namespace).items();
        return new WhyInput(ds, nodes, mine, all, events, clock.instant());
    }

    private static boolean controlledBy(Pod p, String uid) {
        List<OwnerReference> refs = p.getMetadata().getOwnerReferences();
        return refs != null
                && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()) && uid.equals(r.getUid()));
    }
}

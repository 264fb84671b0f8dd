package io.everynode.controllers.manager;

import io.everynode.client.Informer;
import io.everynode.client.KubeClient;
import io.everynode.client.SharedInformerFactory;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Clock;
import java.util.List;

/**
 * What every controller of one manager shares: the client, the clock and one informer per kind
 * (so the process lists and watches each kind once), as upstream's ControllerContext does.
 *
 * <p>The pod informer carries the index {@link #PODS_BY_NODE_NAME}, added here once because an
 * index name may be registered only once per informer.
 */
public final class ControllerContext {
    /** Index of the pod informer: pods by {@code spec.nodeName} (unbound pods are not indexed). */
    public static final String PODS_BY_NODE_NAME = "spec.nodeName";
    /** Where node heartbeat Leases live (R10.1). */
    public static final String NODE_LEASE_NAMESPACE = "kube-node-lease";

    private final KubeClient client;
    private final Clock clock;
    private final SharedInformerFactory informers;

    /** @param client the informers' client, and the controllers' unless {@link #withClient} gives them their own */
    public ControllerContext(KubeClient client, Clock clock) {
        this(client, clock, new SharedInformerFactory(client));
        informers.informerFor(Pod.class).addIndex(PODS_BY_NODE_NAME, p -> {
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            return node == null || node.isEmpty() ? List.of() : List.of(node);
        });
    }

    private ControllerContext(KubeClient client, Clock clock, SharedInformerFactory informers) {
        this.client = client;
        this.clock = clock;
        this.informers = informers;
    }

    /**
     * This context with {@code writer} as its client: one controller's view, sharing the
     * informers and clock (upstream's {@code --use-service-account-credentials}, where each
     * controller calls as its own account while the informers are shared).
     */
    public ControllerContext withClient(KubeClient writer) {
        return new ControllerContext(writer, clock, informers);
    }

    public KubeClient client() {
        return client;
    }

    public Clock clock() {
        return clock;
    }

    /** The shared informers; ask for them while building a controller, before the manager starts. */
    public SharedInformerFactory informers() {
        return informers;
    }

    public Informer<Pod> pods() {
        return informers.informerFor(Pod.class);
    }

    public Informer<Node> nodes() {
        return informers.informerFor(Node.class);
    }

    /** Leases of all namespaces; node heartbeats are those in {@link #NODE_LEASE_NAMESPACE}. */
    public Informer<Lease> leases() {
        return informers.informerFor(Lease.class);
    }
}

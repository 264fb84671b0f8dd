package io.everynode.agent;

import io.everynode.api.json.Json;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registration and the two heartbeats of one node: the Lease in {@code kube-node-lease} and the
 * node status (conditions with a fresh lastHeartbeatTime). Each method is called by one timer at
 * a time; the two heartbeats touch disjoint state.
 */
final class Heartbeat {
    /**
     * The kubelet's nodeStatusReportFrequency: a status that has not changed is posted only this
     * often; the Lease is the heartbeat in between (R10.1 takes the newer of the two). Posting an
     * unchanged status every 10 s doubled the writes of every node for nothing: at 1000 simulated
     * nodes that is 100 writes a second.
     */
    static final Duration STATUS_REPORT_INTERVAL = Duration.ofMinutes(5);

    private final KubeClient client;
    private final AgentConfig config;
    private final ContainerRuntime runtime;
    private final Clock clock;
    private final BooleanSupplier memoryPressure;
    /** The port of the agent's log endpoint at the node's InternalIP, or 0 when it serves none. */
    private final int logPort;

    private volatile Node node;
    private volatile Lease lease;
    private volatile Instant lastPosted;

    Heartbeat(KubeClient client, AgentConfig config, ContainerRuntime runtime, Clock clock) {
        this(client, config, runtime, clock, () -> false, 0);
    }

    /**
     * With {@code memoryPressure} answering the eviction manager's MemoryPressure state at each
     * status post, and the port of the agent's log endpoint at the node's InternalIP (0: none) to advertise.
     */
    Heartbeat(
            KubeClient client,
            AgentConfig config,
            ContainerRuntime runtime,
            Clock clock,
            BooleanSupplier memoryPressure,
            int logPort) {
        this.memoryPressure = memoryPressure;
        this.logPort = logPort;
        this.client = client;
        this.config = config;
        this.runtime = runtime;
        this.clock = clock;
    }

    /**
     * Creates the Node with its labels and taints, or, when it exists (an agent restart), sets
     * the labels the agent owns and leaves its taints alone (taints are set at registration
     * only, as the kubelet does). Then posts the status and the Lease at once.
     */
    void register() {
        try {
            node = client.create(NodeReport.node(config, runtime));
        } catch (ApiError e) {
            if (!e.isAlreadyExists()) throw e;
            ObjectNode patch = Json.object();
            ObjectNode meta = patch.putObject("metadata");
            meta.set("labels", Json.tree(NodeReport.labels(config, runtime)));
            node = client.patch(Node.class, null, config.nodeName(), PatchType.MERGE, Json.string(patch));
        }
        postStatus(true);
        renewLease();
    }

    /**
     * Posts the full node status when it differs from the Node's current one (heartbeat times
     * aside) or when the last post is {@link #STATUS_REPORT_INTERVAL} old, as the kubelet does; a
     * Node deleted meanwhile is registered again. Every field the agent reports counts as a
     * difference: a node controller marking Ready Unknown, and a client overwriting the addresses
     * or {@code daemonEndpoints} (where the API server fetches logs) are put right at the next
     * call, one status update interval later at most.
     */
    synchronized void postStatus() {
        postStatus(false);
    }

    private synchronized void postStatus(boolean always) {
        Instant now = clock.instant();
        Instant last = lastPosted;
        if (!always && last != null && Duration.between(last, now).compareTo(STATUS_REPORT_INTERVAL) < 0) {
            Node current;
            try {
                current = client.get(Node.class, null, config.nodeName());
            } catch (ApiError e) {
                if (!e.isNotFound()) throw e;
                node = null;
                register();
                return;
            }
            List<NodeCondition> conditions =
                    current.getStatus() == null || current.getStatus().getConditions() == null
                            ? List.of()
                            : current.getStatus().getConditions();
            ObjectNode ours = Json.tree(
                    NodeReport.status(config, runtime, conditions, now, memoryPressure.getAsBoolean(), logPort));
            ObjectNode theirs = current.getStatus() == null ? Json.object() : Json.tree(current.getStatus());
            ObjectNode merged = theirs.deepCopy();
            merged.setAll(ours);
            if (Json.same(withoutHeartbeats(merged), withoutHeartbeats(theirs))) {
                node = current;
                return;
            }
        }
        Node known = node;
        List<NodeCondition> previous =
                known == null || known.getStatus() == null || known.getStatus().getConditions() == null
                        ? List.of()
                        : known.getStatus().getConditions();
        ObjectNode patch = Json.object();
        patch.set(
                "status",
                Json.tree(NodeReport.status(
                        config, runtime, previous, clock.instant(), memoryPressure.getAsBoolean(), logPort)));
        try {
            node = client.patch(Node.class, null, config.nodeName(), PatchType.MERGE, Json.string(patch), "status");
            lastPosted = now;
        } catch (ApiError e) {
            if (!e.isNotFound()) throw e;
            node = null;
            register();
        }
    }

    /** Renews the Lease, creating it when missing; a conflict re-reads it and tries once more. */
    void renewLease() {
        for (int attempt = 0; attempt < 2; attempt++) {
            Lease fresh = NodeReport.lease(config, node, clock.instant());
            Lease known = lease;
            try {
                if (known == null) {
                    try {
                        known = client.get(Lease.class, NodeReport.LEASE_NAMESPACE, config.nodeName());
                    } catch (ApiError e) {
                        if (!e.isNotFound()) throw e;
                        lease = client.create(fresh);
                        return;
                    }
                }
                fresh.getMetadata().setResourceVersion(known.getMetadata().getResourceVersion());
                fresh.getMetadata().setUid(known.getMetadata().getUid());
                if (fresh.getMetadata().getOwnerReferences() == null
                        || fresh.getMetadata().getOwnerReferences().isEmpty()) {
                    fresh.getMetadata().setOwnerReferences(known.getMetadata().getOwnerReferences());
                }
                lease = client.update(fresh);
                return;
            } catch (ApiError e) {
                if (!e.isConflict() && !e.isNotFound() && !e.isAlreadyExists()) throw e;
                lease = null;
            }
        }
    }

    /** A copy of a status tree with every condition's lastHeartbeatTime removed. */
    private static ObjectNode withoutHeartbeats(ObjectNode status) {
        ObjectNode copy = status.deepCopy();
        if (copy.get("conditions") instanceof ArrayNode conditions) {
            for (JsonNode c : conditions) {
                if (c instanceof ObjectNode o) o.remove("lastHeartbeatTime");
            }
        }
        return copy;
    }

    Node node() {
        return node;
    }
}

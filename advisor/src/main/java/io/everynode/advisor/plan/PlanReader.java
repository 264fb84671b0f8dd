package io.everynode.advisor.plan;

import io.everynode.advisor.DaemonSetKind;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;

/**
 * Reads a {@link PlanInput} through any API server: get the DaemonSet of the proposed name (a 404
 * means a first create), list nodes and pods of all namespaces. Only get and list, so read-only
 * credentials are enough, on a real Kubernetes cluster as on Everynode.
 */
public final class PlanReader {
    private final KubeClient client;

    public PlanReader(KubeClient client) {
        this.client = client;
    }

    /** An apps/v1 proposal's input. */
    public PlanInput read(DaemonSet proposed, String poolLabel) {
        return read(new Proposal(DaemonSetKind.APPS, proposed), poolLabel);
    }

    /**
     * The input for a proposal of either kind: the existing object is read as the proposal's kind
     * (an advanced one through its view, E7.3).
     *
     * @throws ApiError any error of the reads but the 404 of a DaemonSet not created yet
     */
    public PlanInput read(Proposal proposal, String poolLabel) {
        DaemonSet proposed = proposal.daemonSet();
        DaemonSet existing;
        try {
            existing = proposal.kind()
                    .get(
                            client,
                            proposed.getMetadata().getNamespace(),
                            proposed.getMetadata().getName());
        } catch (ApiError e) {
            if (e.code() != 404) throw e;
            existing = null;
        }
        List<Node> nodes = client.list(Node.class, null).items();
        List<Pod> pods = client.list(Pod.class, null).items();
        return new PlanInput(proposed, existing, nodes, pods, poolLabel);
    }
}

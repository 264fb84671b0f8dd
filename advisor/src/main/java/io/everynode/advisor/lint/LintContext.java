package io.everynode.advisor.lint;

import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * What lint knows of the fleet: nothing, a node count ({@code --nodes N}), or the nodes
 * themselves (read from a cluster with {@code --kubeconfig}); and how long one pod takes to be
 * replaced and ready, for rollout estimates.
 *
 * @param nodeCount the fleet's size when given as a number
 * @param nodes the fleet's nodes when read from a cluster, else null
 * @param podReplaceSeconds seconds one wave of a rollout takes, before minReadySeconds
 */
public record LintContext(OptionalInt nodeCount, List<Node> nodes, int podReplaceSeconds) {
    /** The seconds a wave is assumed to take when not told: pull, start, readiness. */
    public static final int DEFAULT_POD_REPLACE_SECONDS = 30;

    public LintContext {
        nodes = nodes == null ? null : List.copyOf(nodes);
    }

    /** Nothing known of the fleet. */
    public static LintContext offline() {
        return new LintContext(OptionalInt.empty(), null, DEFAULT_POD_REPLACE_SECONDS);
    }

    public static LintContext ofNodeCount(int n) {
        return new LintContext(OptionalInt.of(n), null, DEFAULT_POD_REPLACE_SECONDS);
    }

    public static LintContext ofNodes(List<Node> nodes) {
        return new LintContext(OptionalInt.empty(), nodes, DEFAULT_POD_REPLACE_SECONDS);
    }

    public LintContext withPodReplaceSeconds(int seconds) {
        return new LintContext(nodeCount, nodes, seconds);
    }

    /**
     * How many nodes would run the DaemonSet: with the cluster's nodes, those the controller's own
     * check (R1.6) says should run it; with a count, the count; else empty.
     */
    public OptionalInt desired(DaemonSet ds) {
        if (nodes != null) {
            return OptionalInt.of((int) nodes.stream()
                    .filter(n -> NodeShouldRunDaemonPod.evaluate(n, ds).shouldRun())
                    .count());
        }
        return nodeCount;
    }
}

package io.everynode.controllers.daemonset;

import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The R1.1–R1.8 decision of one DaemonSet for each node, remembered between syncs. A decision
 * reads only the node's name, labels and taints and the DaemonSet's pod template spec (R1.8: not
 * conditions, resources or ports), so it is reused while the node's labels and taints equal the
 * copies taken when it was made and the template spec equals the one it was made for; anything
 * else evaluates again. Copies, not identities: a cached object may be changed in place. A sync reads every node up to three times (manage, rolling update, status): at 5000
 * nodes evaluating them each time was a large share of the controller's CPU.
 *
 * <p>Threading: one instance per DaemonSet key, used only by that key's sync (the work queue
 * never runs two syncs of one key at once); synchronized anyway, as it costs nothing here.
 */
final class NodeDecisions {
    private record Entry(Map<String, String> labels, List<Taint> taints, NodeShouldRunDaemonPod.Decision decision) {
        static Entry of(Node n, NodeShouldRunDaemonPod.Decision decision) {
            return new Entry(
                    labelsOf(n) == null ? null : new HashMap<>(labelsOf(n)),
                    taintsOf(n) == null
                            ? null
                            : taintsOf(n).stream()
                                    .map(t -> new TaintBuilder(t).build())
                                    .toList(),
                    decision);
        }

        boolean matches(Node n) {
            return Objects.equals(labels, labelsOf(n)) && Objects.equals(taints, taintsOf(n));
        }
    }

    private Map<String, Entry> byName = new HashMap<>();
    private PodSpec template;

    /**
     * Decisions for {@code nodes} against {@code ds}, as a function that any planner of this sync
     * may call for any node (one not in {@code nodes} is evaluated on the spot). The function
     * answers for the nodes as they were at this call; a node changed since is seen at the next.
     */
    synchronized Function<Node, NodeShouldRunDaemonPod.Decision> refresh(DaemonSet ds, List<Node> nodes) {
        PodSpec spec = templateSpec(ds);
        Map<String, Entry> previous = Objects.equals(spec, template) ? byName : Map.of();
        Map<String, Entry> next = new HashMap<>(nodes.size() * 2);
        Map<Node, NodeShouldRunDaemonPod.Decision> verified = new IdentityHashMap<>(nodes.size() * 2);
        for (Node n : nodes) {
            String name = n.getMetadata().getName();
            Entry e = previous.get(name);
            if (e == null || !e.matches(n)) {
                e = Entry.of(n, NodeShouldRunDaemonPod.evaluate(n, ds));
            }
            next.put(name, e);
            verified.put(n, e.decision());
        }
        byName = next;
        template = spec;
        // Within one sync the nodes are those just checked: looked up by identity, not compared again.
        return n -> {
            NodeShouldRunDaemonPod.Decision d = verified.get(n);
            return d != null ? d : NodeShouldRunDaemonPod.evaluate(n, ds);
        };
    }

    private static Map<String, String> labelsOf(Node n) {
        return n.getMetadata().getLabels();
    }

    private static List<Taint> taintsOf(Node n) {
        return n.getSpec() == null ? null : n.getSpec().getTaints();
    }

    private static PodSpec templateSpec(DaemonSet ds) {
        return ds.getSpec() == null || ds.getSpec().getTemplate() == null
                ? null
                : ds.getSpec().getTemplate().getSpec();
    }
}

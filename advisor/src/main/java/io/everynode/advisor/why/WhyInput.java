package io.everynode.advisor.why;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Instant;
import java.util.List;

/**
 * What {@code why} reads, all of it through get and list: the DaemonSet, the nodes to answer for,
 * the pods it controls, every pod bound anywhere (for the resource arithmetic) and the events of
 * the DaemonSet's namespace (probe failures, back-offs).
 */
public record WhyInput(
        DaemonSet daemonSet,
        List<Node> nodes,
        List<Pod> daemonPods,
        List<Pod> allPods,
        List<Event> events,
        Instant now) {
    public WhyInput {
        nodes = List.copyOf(nodes);
        daemonPods = List.copyOf(daemonPods);
        allPods = List.copyOf(allPods);
        events = List.copyOf(events);
    }
}

package io.everynode.controllers.nodelifecycle;

import io.everynode.api.scheduling.Tolerations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When this controller first saw each NoExecute taint of each node, on its own clock: the moment
 * tolerationSeconds count from (R10.4). A taint's timeAdded is not used: whoever added the taint
 * (a user's kubectl, a node registering with taints) stamped it with their own clock, which may be
 * far off. Upstream's taint eviction controller likewise starts the countdown when it observes the
 * taint, and, as there, a restarted controller starts it again. A taint this controller adds is
 * recorded at the moment it writes it. A taint is known by node, key, value and effect; a node
 * deleted and created again (a new uid) starts afresh.
 */
final class TaintSightings {
    private record NodeSightings(String uid, Map<String, Instant> firstSeen) {}

    private final Map<String, NodeSightings> byNode = new HashMap<>();

    /**
     * Observes the node's taints at {@code now}: a NoExecute taint not seen before is seen from
     * now on; taints no longer on the node are forgotten, so one added again counts afresh.
     */
    void observe(Node node, Instant now) {
        Map<String, Instant> seen = of(node).firstSeen();
        Set<String> present = new HashSet<>();
        if (node.getSpec() != null && node.getSpec().getTaints() != null) {
            for (Taint t : node.getSpec().getTaints()) {
                if (Tolerations.NO_EXECUTE.equals(t.getEffect())) {
                    present.add(identity(t));
                    seen.putIfAbsent(identity(t), now);
                }
            }
        }
        seen.keySet().retainAll(present);
    }

    /** When {@code taint} on {@code node} was first seen; {@code now} if it never was. */
    Instant since(Node node, Taint taint, Instant now) {
        return of(node).firstSeen().getOrDefault(identity(taint), now);
    }

    /** Records that this controller itself put {@code taint} on {@code node} at {@code now}. */
    void added(Node node, Taint taint, Instant now) {
        of(node).firstSeen().put(identity(taint), now);
    }

    /** Forgets a node that is gone. */
    void forget(String nodeName) {
        byNode.remove(nodeName);
    }

    private NodeSightings of(Node node) {
        String name = node.getMetadata().getName();
        String uid = node.getMetadata().getUid();
        NodeSightings s = byNode.get(name);
        if (s == null || !Objects.equals(s.uid(), uid)) {
            s = new NodeSightings(uid, new HashMap<>());
            byNode.put(name, s);
        }
        return s;
    }

    private static String identity(Taint t) {
        return t.getKey() + "=" + t.getValue() + ":" + t.getEffect();
    }
}

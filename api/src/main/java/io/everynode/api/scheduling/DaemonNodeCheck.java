package io.everynode.api.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * One placement rule of the DaemonSet node decision (style rule 3: one check, one class, one
 * named reason). {@code spec} is the simulated daemon pod's spec (R1.1): the template spec with
 * the automatic tolerations already merged in.
 */
interface DaemonNodeCheck {
    /** The constant reason this check reports when it rejects a node. */
    String reason();

    boolean passes(Node node, PodSpec spec);
}

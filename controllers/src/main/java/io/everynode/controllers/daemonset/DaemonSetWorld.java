package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.List;
import java.util.Optional;

/**
 * The controller's read-only view of the cluster: informer caches (listers). Objects returned
 * are shared with the cache and must not be mutated; the controller copies before changing
 * anything. Implementations must be safe to call from several sync workers at once.
 */
public interface DaemonSetWorld {
    Optional<DaemonSet> daemonSet(String namespace, String name);

    /** Every DaemonSet in every namespace (event handlers, R1.10, R2.11). */
    List<DaemonSet> daemonSets();

    List<Node> nodes();

    List<Pod> pods(String namespace);

    List<ControllerRevision> revisions(String namespace);
}

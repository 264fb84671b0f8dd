package io.everynode.controllers.podgc;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** What pod GC reads: informer caches, plus one uncached check. */
public interface PodGcWorld {
    List<Pod> pods();

    List<Node> nodes();

    /**
     * An uncached GET of the node: true unless the API answers 404. Implementations that cannot
     * reach the API should throw, so nothing is deleted on a guess.
     */
    boolean nodeExists(String name);
}

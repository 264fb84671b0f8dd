package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;

/** One feasibility check (style rule 3): empty when the node passes, else a named reason. */
interface Filter {
    Optional<Rejection> check(Pod pod, NodeInfo node);
}

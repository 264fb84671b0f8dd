package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;

/**
 * The filter chain in upstream's default-profile order; the first rejection wins for a node, so
 * each node contributes one filter's reasons to the FailedScheduling message.
 */
final class Filters {
    static final List<Filter> DEFAULT = List.of(
            new NodeUnschedulableFilter(),
            new NodeNameFilter(),
            new TaintTolerationFilter(),
            new NodeAffinityFilter(),
            new NodePortsFilter(),
            new NodeResourcesFilter());

    private final List<Filter> chain;

    Filters(List<Filter> chain) {
        this.chain = List.copyOf(chain);
    }

    Optional<Rejection> check(Pod pod, NodeInfo node) {
        for (Filter f : chain) {
            Optional<Rejection> r = f.check(pod, node);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }
}

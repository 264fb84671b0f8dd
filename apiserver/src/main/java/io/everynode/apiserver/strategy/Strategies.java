package io.everynode.apiserver.strategy;

import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.registry.Strategy;
import java.time.Clock;
import java.util.Map;

/** The strategy of every served kind. */
public final class Strategies {
    private Strategies() {}

    public static Map<ResourceType, Strategy> all(Clock clock) {
        return Map.of(
                ResourceTypes.PODS, new PodStrategy(),
                ResourceTypes.DAEMONSETS, new DaemonSetStrategy(),
                ResourceTypes.NODES, new NodeStrategy(),
                ResourceTypes.NAMESPACES, new NamespaceStrategy(),
                ResourceTypes.EVENTS, new EventStrategy(),
                ResourceTypes.PRIORITY_CLASSES, new PriorityClassStrategy(),
                ResourceTypes.CONTROLLER_REVISIONS, new ControllerRevisionStrategy(),
                ResourceTypes.LEASES, new LeaseStrategy());
    }
}

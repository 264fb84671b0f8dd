package io.everynode.agent.logs;

import io.everynode.agent.ContainerRuntime;
import java.util.Optional;

/**
 * How a {@link LogServer} finds a pod: the agents behind the endpoint answer which node runs the
 * pod {@code namespace/name}, under which uid, on which runtime. Called on request threads.
 */
@FunctionalInterface
public interface LogSource {

    /** The pod {@code namespace/name} as a node behind this endpoint holds it, or empty when none does. */
    Optional<PodOnNode> pod(String namespace, String name);

    /** Where a pod runs: its node, its uid and the runtime that holds its containers' logs. */
    record PodOnNode(String node, String uid, ContainerRuntime runtime) {}
}

package io.everynode.agent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What runs a node's containers (named so to stay clear of {@code java.lang.Runtime}). The
 * runtime runs and reports; the agent decides: when to start, when to restart and with what
 * back-off, how many restarts there were, and what the pod's status says.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>Pods are known by uid; {@link #startContainer} starts a new instance of one container
 *       (the previous, terminated instance becomes {@link RuntimeContainer#last()}).</li>
 *   <li>Every change of state the agent did not cause synchronously (a container became running,
 *       ready, exited, finished stopping) is reported to the listener with the pod's
 *       {@code namespace/name} key, from any thread; the agent then re-syncs that pod.</li>
 *   <li>{@link #stopPod} is idempotent and asynchronous; a second call keeps the earlier deadline.</li>
 *   <li>The runtime outlives an agent: a restarted agent {@link #adopt}s what still runs.</li>
 * </ul>
 * Thread-safe.
 */
public interface ContainerRuntime extends AutoCloseable {

    /** The runtime's name, e.g. "simulated"; nodeInfo.containerRuntimeVersion is {@code name://version}. */
    String name();

    String version();

    /** Where state changes go; replaces any listener set before (a restarted agent sets its own). */
    void setListener(Consumer<String> podKeyChanged);

    /** What the runtime holds for the pod with {@code uid}, or empty when it holds nothing. */
    Optional<RuntimePod> pod(String uid);

    /** Starts a new instance of {@code container} of {@code pod}, creating the pod's sandbox on first use. */
    void startContainer(Pod pod, Container container);

    /** Stops every container of the pod, each given at most {@code grace} to exit. */
    void stopPod(String uid, Duration grace);

    /** Kills whatever still runs of the pod at once and forgets it. */
    void removePod(String uid);

    /**
     * After an agent restart: takes over the containers {@code pod}'s last reported status shows
     * running, if they still run. Empty when nothing could be adopted (the agent starts afresh).
     */
    Optional<RuntimePod> adopt(Pod pod);

    @Override
    void close();
}

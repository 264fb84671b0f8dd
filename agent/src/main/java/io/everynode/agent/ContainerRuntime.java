package io.everynode.agent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /** What this runtime can do; callers ask this, never the runtime's class. Constant for a runtime's life. */
    RuntimeCapabilities capabilities();

    /** Where state changes go; replaces any listener set before (a restarted agent sets its own). */
    void setListener(Consumer<String> podKeyChanged);

    /**
     * Where a runtime with {@link RuntimeCapabilities#imagePulls()} reports each try at a
     * container's image; replaces any set before. Runtimes with local images ignore it (the default).
     */
    default void setPullListener(ImagePullListener listener) {}

    /** What the runtime holds for the pod with {@code uid}, or empty when it holds nothing. */
    Optional<RuntimePod> pod(String uid);

    /**
     * Starts a new instance of {@code container} of {@code pod}, creating the pod's sandbox on
     * first use, with the variables the agent resolved from ConfigMaps and Secrets ({@code env}).
     */
    void startContainer(Pod pod, Container container, SourcedEnv env);

    /** As {@link #startContainer(Pod, Container, SourcedEnv)} for a container that takes nothing from ConfigMaps or Secrets. */
    default void startContainer(Pod pod, Container container) {
        startContainer(pod, container, SourcedEnv.NONE);
    }

    /**
     * Makes the pod's configMap and secret volumes hold {@code volumes} (the kubelet's volume
     * setup, done by the agent before a container starts and again on every sync, so updated
     * objects reach running containers). Called with every such volume of the pod each time; a
     * volume already holding its content is left as it is. A runtime that holds no files (the
     * simulated one) does nothing.
     *
     * @throws java.io.UncheckedIOException when the files cannot be written
     */
    default void writeVolumes(Pod pod, List<VolumeContent> volumes) {}

    /** Stops every container of the pod, each given at most {@code grace} to exit. */
    void stopPod(String uid, Duration grace);

    /**
     * Stops one container of the pod (a failed liveness probe): asks it to exit, kills it once
     * {@code grace} has passed, and reports the exit through the listener. The pod's other
     * containers keep running; the agent decides whether and when the container starts again.
     * Idempotent; a container that is not running is left alone.
     */
    void stopContainer(String uid, String container, Duration grace);

    /**
     * Runs {@code command} in the context of a running container (its environment, working
     * directory, network and cgroup where the runtime has them), as an exec probe does; kills it
     * after {@code timeout}. A container that is not running answers a non-zero exit code.
     */
    ExecResult exec(String uid, String container, List<String> command, Duration timeout);

    /**
     * Starts {@code command} in a running container for {@code kubectl exec} (package
     * {@code stream}): as {@link #exec} places it, but with its standard streams left to the
     * caller and no timeout; the caller waits for it, and kills it when the client goes away.
     * With {@code tty} the command gets a terminal ({@link TerminalExec}): its output, stderr
     * included, is the process's stdout.
     *
     * @throws IllegalStateException with a message for the client when the container does not
     *     run, or the runtime cannot stream an exec (the default)
     */
    default Process startExec(String uid, String container, List<String> command, boolean tty) {
        throw new IllegalStateException("the " + name() + " runtime cannot run kubectl exec");
    }

    /**
     * For {@code kubectl attach} (package {@code stream}): the running {@code container}'s stdin
     * FIFO and terminal ({@link Attachment}); its output comes from {@link #logFile}. A runtime
     * that supports it gives every container with {@code stdin: true} a FIFO in its instance
     * directory as standard input, and one with {@code tty: true} and {@code stdin: true} a
     * terminal ({@link TerminalExec}).
     *
     * @throws IllegalStateException with a message for the client when the container does not
     *     run, or the runtime cannot attach (the default)
     */
    default Attachment attach(String uid, String container) {
        throw new IllegalStateException("the " + name() + " runtime cannot attach to a container");
    }

    /** What an {@link #exec} did: its exit code (non-zero on timeout, with {@code timedOut} set) and its combined output. */
    record ExecResult(int exitCode, String output, boolean timedOut) {}

    /**
     * The log file of the container's current instance, or with {@code previous} of the instance
     * before it; empty when the runtime keeps no log for it. Log files are in the CRI log format
     * (package {@code io.everynode.agent.crilog}): one entry per line,
     * {@code <RFC 3339 time> <stdout|stderr> <P|F> <content>}, in the order the runtime read the
     * container's output, each stamped when it was read; {@code P} marks a piece of a line that
     * goes on in the stream's next entry. Once the runtime reports an instance terminated, its
     * file holds all it wrote (or the runtime gave up waiting for its output after a short grace:
     * a process it left behind still holds the stream).
     */
    Optional<Path> logFile(String uid, String container, boolean previous);

    /**
     * Node conditions the runtime adds to the node's status (e.g. whether it enforces resource
     * limits); the agent sets their heartbeat and transition times. None by default.
     */
    default List<io.fabric8.kubernetes.api.model.NodeCondition> conditions() {
        return List.of();
    }

    /**
     * The current instance's cumulative CPU and working-set memory (for {@code kubectl top}, see
     * package {@code stats}), or empty when the runtime has no figure for it (the default) or the
     * container does not run.
     */
    default Optional<io.everynode.api.metrics.Usage> usage(String uid, String container) {
        return Optional.empty();
    }

    /**
     * Where {@code kubectl port-forward} reaches the pod's ports (package {@code portforward}):
     * an address of the pod's network that this agent can connect to, as the kubelet connects to
     * localhost inside the pod's network namespace.
     *
     * @throws IllegalStateException with a message for the client when the pod is not known or the
     *     runtime cannot forward ports (the default)
     */
    default java.net.InetAddress portForwardAddress(String uid) {
        throw new IllegalStateException("the " + name() + " runtime cannot forward ports");
    }

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

package io.everynode.agent;

/**
 * What a {@link ContainerRuntime} can do, so the agent and its parts ask the runtime instead of
 * testing its class (a new runtime says what it can and is treated accordingly).
 *
 * @param realNetwork pods get addresses that answer: probes connect to them (false: pod IPs are
 *     made up, so network probes of a pod outside the host network are simulated)
 * @param realMemory containers use the machine's memory, so eviction reads the machine's (or the
 *     agent's cgroup's) {@code memory.available} (false: the node's memory is its allocatable
 *     memory minus its pods' simulated use)
 * @param exec {@link ContainerRuntime#exec} runs the command in the container (false: it answers
 *     a simulated result)
 * @param logs {@link ContainerRuntime#logFile} has the containers' output
 * @param volumeFiles {@link ContainerRuntime#writeVolumes} writes files that containers read
 *     (false: volumes are resolved, so a missing source still keeps a pod waiting, but nothing is
 *     written, and no ServiceAccount tokens are fetched for projected volumes)
 * @param imagePulls the runtime has images pulled and reports each try at a container's image to
 *     {@link ContainerRuntime#setPullListener} (the agent words the kubelet's image events from
 *     those facts); false: its images are local, and the agent records "already present"
 */
public record RuntimeCapabilities(
        boolean realNetwork, boolean realMemory, boolean exec, boolean logs, boolean volumeFiles, boolean imagePulls) {
    /** A runtime of real processes on this machine, with local images: every capability but image pulls. */
    public static final RuntimeCapabilities REAL = new RuntimeCapabilities(true, true, true, true, true);

    /** Without image pulls. */
    public RuntimeCapabilities(
            boolean realNetwork, boolean realMemory, boolean exec, boolean logs, boolean volumeFiles) {
        this(realNetwork, realMemory, exec, logs, volumeFiles, false);
    }

    /** These capabilities, and image pulls reported to the pull listener. */
    public RuntimeCapabilities withImagePulls() {
        return new RuntimeCapabilities(realNetwork, realMemory, exec, logs, volumeFiles, true);
    }
}

package io.everynode.agent.container;

import java.nio.file.Path;
import java.util.List;

/**
 * A pod's own network (pods that are not {@code hostNetwork}): a network namespace, an interface
 * in it with addresses from the node's pod range, and its {@code hostPort} mappings. Implemented
 * with the standard CNI plugins; the runtime joins every container of the pod to
 * {@link Attachment#netns()}. Thread-safe; calls for different pods may run at once.
 */
public interface PodNetwork {
    /**
     * Creates the pod's namespace and network (CNI ADD), or answers the existing attachment when
     * the pod already has one (an adopted pod after an agent restart).
     *
     * @throws java.io.UncheckedIOException or IllegalStateException with the plugin's error when
     *     the network cannot be set up (the runtime reports it and tries again)
     */
    Attachment attach(String podUid, String namespace, String name, List<PortMapping> ports);

    /** Removes the pod's network and namespace (CNI DEL). Idempotent; unknown pods are ignored. */
    void detach(String podUid);

    /**
     * Removes the networks, namespaces and addresses of every pod not in {@code livePodUids} (what
     * an agent that was down while pods went leaves behind). Failures are logged, never thrown.
     */
    void sweep(java.util.Set<String> livePodUids);

    /**
     * @param netns the namespace's path, e.g. {@code /var/run/netns/<name>}, for the OCI spec's
     *     network namespace
     * @param ips the pod's addresses, IPv4 first (status.podIP is the first, status.podIPs all)
     */
    record Attachment(Path netns, List<String> ips) {
        public Attachment {
            ips = List.copyOf(ips);
            if (ips.isEmpty()) throw new IllegalArgumentException("a pod network attachment needs an address");
        }
    }

    /** A container port with a {@code hostPort}: protocol TCP, UDP or SCTP; hostIP "" for every address. */
    record PortMapping(int hostPort, int containerPort, String protocol, String hostIP) {}
}

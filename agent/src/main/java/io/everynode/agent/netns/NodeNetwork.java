package io.everynode.agent.netns;

import java.util.List;

/**
 * One node's network namespace, made by {@link NodeNetworks#create}.
 *
 * <p>The process runtime starts every process of this node (containers and exec probes) through
 * {@link #launchPrefix()}: {@code nsenter --net=/var/run/netns/NAME --} enters the namespace's
 * network only and then execs the command in the same process, so the PID the runtime sees is the
 * workload's own and signals reach it. (Not {@code ip netns exec}: it also remounts /sys, which
 * hides the cgroup hierarchy the runtime's wrapper must join.)
 * {@link #nodeIP()} is the node's InternalIP and its pods' podIP; the agent itself stays in the
 * host namespace and reaches pods there (httpGet and tcpSocket probes) over the cluster bridge.
 */
public final class NodeNetwork implements AutoCloseable {
    /** Where {@code ip netns add} binds its namespaces (iproute2's NETNS_RUN_DIR). */
    static final String NETNS_DIR = "/var/run/netns";

    private final NodeNetworks owner;
    private final String nodeName;
    private final int index;
    private final String name;
    private final String nodeIP;
    private final String hostIP;
    private final String hostLink;
    private final List<String> launchPrefix;

    NodeNetwork(NodeNetworks owner, String nodeName, int index, NetnsPlan plan) {
        this.owner = owner;
        this.nodeName = nodeName;
        this.index = index;
        this.name = plan.namespace(index);
        this.nodeIP = plan.nodeIP(index);
        this.hostIP = plan.hostIP();
        this.hostLink = plan.hostVeth(index);
        this.launchPrefix = List.of("nsenter", "--net=" + NETNS_DIR + "/" + name, "--");
    }

    /** The node this namespace belongs to, as given to {@link NodeNetworks#create}. */
    public String nodeName() {
        return nodeName;
    }

    /** The namespace's name, e.g. {@code en-1a2b3c-1} (as listed by {@code ip netns list}). */
    public String name() {
        return name;
    }

    /** The node's address inside its namespace (on {@code eth0}): InternalIP and podIP. */
    public String nodeIP() {
        return nodeIP;
    }

    /**
     * The host's address on the cluster bridge, the namespace's default gateway: the address at
     * which pods reach servers of the host namespace (127.0.0.1 inside a namespace is its own).
     */
    public String hostIP() {
        return hostIP;
    }

    /**
     * The host end of this namespace's veth pair, on the cluster bridge (e.g. {@code en1a2b3ch1}):
     * {@code ip link set <it> down} cuts the node off the host and every other node, as pulling its
     * cable would, and {@code up} heals it; the namespace keeps its addresses meanwhile.
     */
    public String hostLink() {
        return hostLink;
    }

    /** {@code ["nsenter", "--net=/var/run/netns/<name>", "--"]}: put it in front of a command line. */
    public List<String> launchPrefix() {
        return launchPrefix;
    }

    int index() {
        return index;
    }

    /**
     * Removes the namespace and its veth pair; idempotent. Processes still inside lose their
     * network (the caller stops them first). The cluster bridge stays until
     * {@link NodeNetworks#close()}.
     */
    @Override
    public void close() {
        owner.remove(this);
    }

    @Override
    public String toString() {
        return "NodeNetwork[" + nodeName + " " + name + " " + nodeIP + "]";
    }
}

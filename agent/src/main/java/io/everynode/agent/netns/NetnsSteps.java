package io.everynode.agent.netns;

import java.util.List;

/**
 * The {@code ip} commands that build and remove a cluster's networks, as plain data (arguments
 * after {@code ip}). Build steps must all succeed; removal steps may fail because the thing is
 * already gone (removal is idempotent).
 */
final class NetnsSteps {
    private NetnsSteps() {}

    /** The bridge that joins every node of the cluster, with the host's address on it. */
    static List<List<String>> bridgeUp(NetnsPlan plan) {
        String b = plan.bridge();
        return List.of(
                List.of("link", "add", b, "type", "bridge"),
                List.of("addr", "add", plan.hostIP() + "/" + NetnsPlan.PREFIX_LENGTH, "dev", b),
                List.of("link", "set", b, "up"));
    }

    /**
     * Node {@code index}: its namespace with loopback up, a veth pair whose inner end is
     * {@code eth0} with the node IP and a default route via the host, and whose outer end hangs
     * on the bridge. Traffic between nodes is switched by the bridge, so the host needs no IP
     * forwarding.
     */
    static List<List<String>> nodeUp(NetnsPlan plan, int index) {
        String ns = plan.namespace(index);
        String host = plan.hostVeth(index);
        String peer = plan.peerVeth(index);
        return List.of(
                List.of("netns", "add", ns),
                List.of("-n", ns, "link", "set", "lo", "up"),
                List.of("link", "add", host, "type", "veth", "peer", "name", peer),
                List.of("link", "set", peer, "netns", ns),
                List.of("-n", ns, "link", "set", peer, "name", "eth0"),
                List.of("-n", ns, "addr", "add", plan.nodeIP(index) + "/" + NetnsPlan.PREFIX_LENGTH, "dev", "eth0"),
                List.of("-n", ns, "link", "set", "eth0", "up"),
                List.of("-n", ns, "route", "add", "default", "via", plan.hostIP()),
                List.of("link", "set", host, "master", plan.bridge()),
                List.of("link", "set", host, "up"));
    }

    /**
     * Removes node {@code index}. The host end goes first: deleting one end of a veth deletes
     * both, even when a process left behind keeps the namespace itself alive after its name is
     * removed.
     */
    static List<List<String>> nodeDown(NetnsPlan plan, int index) {
        return List.of(
                List.of("link", "delete", plan.hostVeth(index)),
                List.of("link", "delete", plan.peerVeth(index)),
                List.of("netns", "delete", plan.namespace(index)));
    }

    static List<List<String>> bridgeDown(NetnsPlan plan) {
        return List.of(List.of("link", "delete", plan.bridge()));
    }
}

package io.everynode.agent.cni;

import io.everynode.agent.netns.SubnetChoice;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names and addresses of one node's pod network, pure.
 *
 * <p>The tag is the first 8 hex digits of SHA-256 of the network id (the node's data directory),
 * so one node keeps its names across restarts and nodes with different data directories on one
 * machine do not meet. The bridge {@code cni<tag>} has 11 characters (the kernel allows 15).
 * Pod namespaces are {@code cni-<tag>-<12 hex digits of SHA-256(pod uid)>}.
 *
 * @param tag 8 lowercase hex digits
 * @param subnet the node's pod range in CIDR form, e.g. {@code 10.244.17.0/24}
 */
record NetworkPlan(String tag, String subnet) {
    NetworkPlan {
        if (!tag.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("tag must be 8 hex digits: " + tag);
        }
        long[] range = SubnetChoice.range(subnet);
        if (range == null || !subnet.contains("/") || range[1] - range[0] < 3) {
            throw new IllegalArgumentException(
                    "a pod range must be an IPv4 CIDR with room for a gateway and pods, e.g. 10.244.1.0/24: " + subnet);
        }
    }

    static NetworkPlan of(String networkId, String subnet) {
        return new NetworkPlan(HexFormat.of().formatHex(sha256(networkId), 0, 4), subnet);
    }

    /** The network's name in the CNI configuration; host-local keeps its leases under it. */
    String networkName() {
        return "everynode-" + tag;
    }

    String bridge() {
        return "cni" + tag;
    }

    /** The bridge's address and every pod's default gateway: the first address of the range. */
    String gateway() {
        return format(SubnetChoice.range(subnet)[0] + 1);
    }

    String namespace(String podUid) {
        return namespacePrefix() + HexFormat.of().formatHex(sha256(podUid), 0, 6);
    }

    /** Every namespace of this node starts so; the sweep removes the ones no pod owns. */
    String namespacePrefix() {
        return "cni-" + tag + "-";
    }

    /** The preferred third octet of a /24 in a /16 for this network id. */
    static int preferredOctet(String networkId) {
        return sha256(networkId)[4] & 0xff;
    }

    private static String format(long addr) {
        return ((addr >> 24) & 0xff) + "." + ((addr >> 16) & 0xff) + "." + ((addr >> 8) & 0xff) + "." + (addr & 0xff);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

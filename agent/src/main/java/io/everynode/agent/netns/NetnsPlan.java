package io.everynode.agent.netns;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names and addresses of one cluster's node networks, pure.
 *
 * <p>Names: the tag is the first 6 hex digits of SHA-256(cluster id), so one cluster id always
 * gives the same names and different clusters on one machine do not meet. Link names must fit
 * the kernel's 15 characters (IFNAMSIZ 16 with the NUL); with at most {@link #MAX_NODES} nodes
 * the longest, {@code en<tag>h253}, has 12. Namespace names have the same form with dashes.
 *
 * <p>Addresses: all clusters live in 10.123.0.0/16; each cluster takes one /24 in it,
 * 10.123.{octet}.0/24, whose octet is drawn from the same hash (and moved on by the caller when
 * the machine already routes it). The host side of the bridge is .1, node {@code i} (1-based) is
 * .{i+1}.
 *
 * @param tag 6 lowercase hex digits
 * @param octet the third octet of the cluster's /24
 */
record NetnsPlan(String tag, int octet) {
    static final String NETWORK = "10.123.0.0/16";
    static final int PREFIX_LENGTH = 24;
    /** .0 is the network, .1 the host, .255 broadcast: nodes take .2 to .254. */
    static final int MAX_NODES = 253;

    NetnsPlan {
        if (!tag.matches("[0-9a-f]{6}")) {
            throw new IllegalArgumentException("tag must be 6 hex digits: " + tag);
        }
        if (octet < 0 || octet > 255) {
            throw new IllegalArgumentException("octet out of range: " + octet);
        }
    }

    /** The plan this cluster id prefers (before any clash with the machine's routes). */
    static NetnsPlan of(String clusterId) {
        byte[] h = sha256(clusterId);
        return new NetnsPlan(HexFormat.of().formatHex(h, 0, 3), h[3] & 0xff);
    }

    NetnsPlan withOctet(int newOctet) {
        return new NetnsPlan(tag, newOctet);
    }

    String bridge() {
        return "en" + tag;
    }

    String namespace(int index) {
        return "en-" + tag + "-" + checked(index);
    }

    /** The veth end that stays in the host namespace, enslaved to the bridge. */
    String hostVeth(int index) {
        return "en" + tag + "h" + checked(index);
    }

    /** The veth end moved into the namespace; renamed {@code eth0} there. */
    String peerVeth(int index) {
        return "en" + tag + "p" + checked(index);
    }

    String subnet() {
        return "10.123." + octet + ".0/" + PREFIX_LENGTH;
    }

    String hostIP() {
        return "10.123." + octet + ".1";
    }

    String nodeIP(int index) {
        return "10.123." + octet + "." + (checked(index) + 1);
    }

    /** True for a namespace this cluster may have made (in this run or one that crashed). */
    boolean ownsNamespace(String name) {
        return Pattern.matches("en-" + tag + "-\\d+", name);
    }

    /** True for a link in the host namespace this cluster may have made. */
    boolean ownsLink(String name) {
        return name.equals(bridge()) || Pattern.matches("en" + tag + "[hp]\\d+", name);
    }

    private static int checked(int index) {
        if (index < 1 || index > MAX_NODES) {
            throw new IllegalArgumentException("node index must be 1.." + MAX_NODES + ": " + index);
        }
        return index;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

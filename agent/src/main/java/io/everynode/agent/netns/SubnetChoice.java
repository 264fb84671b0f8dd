package io.everynode.agent.netns;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks a /24 in a /16 (the node networks' 10.123.0.0/16, the CNI pod ranges' 10.244.0.0/16) away
 * from what the machine already addresses or routes, pure. Input is the text of
 * {@code ip -4 -o addr show} and {@code ip -4 route show}. Public for package {@code cni}.
 */
public final class SubnetChoice {
    private static final Set<String> ROUTE_TYPES = Set.of(
            "unicast",
            "unreachable",
            "blackhole",
            "prohibit",
            "local",
            "broadcast",
            "throw",
            "nat",
            "anycast",
            "multicast");

    private SubnetChoice() {}

    /**
     * The first octet, starting at the preferred one and wrapping at 256, whose /24 overlaps
     * none of the taken prefixes; -1 when all are taken.
     */
    static int choose(int preferred, List<String> taken) {
        return choose("10.123", preferred, taken);
    }

    /**
     * As {@link #choose(int, List)} for the /24s {@code <firstTwoOctets>.<octet>.0/24}.
     *
     * @param firstTwoOctets e.g. {@code "10.244"}
     */
    public static int choose(String firstTwoOctets, int preferred, List<String> taken) {
        List<long[]> ranges = new ArrayList<>();
        for (String t : taken) {
            long[] r = range(t);
            if (r != null) {
                ranges.add(r);
            }
        }
        for (int k = 0; k < 256; k++) {
            int octet = (preferred + k) % 256;
            long[] mine = range(firstTwoOctets + "." + octet + ".0/24");
            boolean free = ranges.stream().noneMatch(r -> r[0] <= mine[1] && mine[0] <= r[1]);
            if (free) {
                return octet;
            }
        }
        return -1;
    }

    /** Prefixes from {@code ip -4 -o addr show}: the token after {@code inet} on each line. */
    public static List<String> fromAddresses(String output) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] t = line.trim().split("\\s+");
            for (int i = 0; i + 1 < t.length; i++) {
                if (t[i].equals("inet")) {
                    out.add(t[i + 1]);
                    break;
                }
            }
        }
        return out;
    }

    /** Destinations from {@code ip -4 route show}, without the default route. */
    public static List<String> fromRoutes(String output) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] t = line.trim().split("\\s+");
            int i = t.length > 1 && ROUTE_TYPES.contains(t[0]) ? 1 : 0;
            if (t.length > i && !t[i].isEmpty() && !t[i].equals("default")) {
                out.add(t[i]);
            }
        }
        return out;
    }

    /** [first, last] address of "a.b.c.d/n" or "a.b.c.d" as unsigned ints; null if not IPv4. */
    public static long[] range(String prefix) {
        String[] parts = prefix.split("/", 2);
        String[] q = parts[0].split("\\.");
        if (q.length != 4) {
            return null;
        }
        long addr = 0;
        try {
            for (String s : q) {
                int v = Integer.parseInt(s);
                if (v < 0 || v > 255) {
                    return null;
                }
                addr = (addr << 8) | v;
            }
            int len = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
            if (len < 0 || len > 32) {
                return null;
            }
            long size = 1L << (32 - len);
            long first = addr & ~(size - 1) & 0xffffffffL;
            return new long[] {first, first + size - 1};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

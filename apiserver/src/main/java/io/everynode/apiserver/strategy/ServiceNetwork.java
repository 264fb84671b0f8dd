package io.everynode.apiserver.strategy;

/**
 * Where Services get their addresses: the IPv4 range clusterIPs come from (upstream's
 * {@code --service-cluster-ip-range}, 10.96.0.0/12 by default; its first address belongs to the
 * {@code kubernetes} Service) and the ports nodePorts come from (upstream's
 * {@code --service-node-port-range}, 30000-32767).
 */
public record ServiceNetwork(String clusterIpRange, int nodePortMin, int nodePortMax) {
    public ServiceNetwork {
        Cidr.parse(clusterIpRange); // fails early on a malformed range
        if (nodePortMin < 1 || nodePortMax > 65535 || nodePortMin > nodePortMax) {
            throw new IllegalArgumentException("bad node port range " + nodePortMin + "-" + nodePortMax);
        }
    }

    public static ServiceNetwork defaults() {
        return new ServiceNetwork("10.96.0.0/12", 30000, 32767);
    }

    Cidr cidr() {
        return Cidr.parse(clusterIpRange);
    }

    /** The {@code kubernetes} Service's address: the range's first host address. */
    public String kubernetesServiceIp() {
        return cidr().address(1);
    }

    String nodePortRange() {
        return nodePortMin + "-" + nodePortMax;
    }

    /** An IPv4 range: its base address and size, with addresses by offset. */
    record Cidr(long base, long size) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) throw new IllegalArgumentException("not a CIDR: " + text);
            long ip = ipv4(text.substring(0, slash));
            int prefix = Integer.parseInt(text.substring(slash + 1));
            if (ip < 0 || prefix < 8 || prefix > 30)
                throw new IllegalArgumentException("not an IPv4 range of /8 to /30: " + text);
            long size = 1L << (32 - prefix);
            return new Cidr(ip & ~(size - 1), size);
        }

        /** The offset of {@code ip} in the range, or -1 when it is outside (or not IPv4). */
        long offset(String ip) {
            long v = ipv4(ip);
            return v < base || v >= base + size ? -1 : v - base;
        }

        String address(long offset) {
            long v = base + offset;
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        }

        /** The dotted quad as a number, or -1 when it is not one. */
        static long ipv4(String s) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) return -1;
            long v = 0;
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return -1;
                int b = Integer.parseInt(p);
                if (b > 255) return -1;
                v = (v << 8) | b;
            }
            return v;
        }
    }
}

package io.everynode.apiserver.strategy;

import java.util.Base64;
import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The nodePorts taken, as read from the store at {@code revision} (0: never written): a bitmap
 * over the node port range, bit {@code i} for port {@code min + i}. Stored as upstream's
 * RangeAllocation shape ({@code range} "30000-32767", {@code data} base64), but the bytes are
 * ours: {@link BitSet#toByteArray()} order (bit i in byte i/8, least significant first), not
 * upstream's big-endian integer. Immutable.
 */
public record PortAllocation(int min, int max, BitSet bits, long revision) {
    public PortAllocation {
        bits = (BitSet) bits.clone();
    }

    @Override
    public BitSet bits() {
        return (BitSet) bits.clone();
    }

    static PortAllocation empty(int min, int max) {
        return new PortAllocation(min, max, new BitSet(), 0);
    }

    boolean taken(int port) {
        return port >= min && port <= max && bits.get(port - min);
    }

    /** The taken ports. */
    Set<Integer> ports() {
        Set<Integer> out = new TreeSet<>();
        bits.stream().forEach(i -> out.add(min + i));
        return out;
    }

    /** A copy with {@code set} taken and {@code cleared} free (ports outside the range are ignored). */
    PortAllocation with(Set<Integer> set, Set<Integer> cleared) {
        BitSet next = (BitSet) bits.clone();
        for (int p : set) if (p >= min && p <= max) next.set(p - min);
        for (int p : cleared) if (p >= min && p <= max) next.clear(p - min);
        return new PortAllocation(min, max, next, revision);
    }

    /** The same taken ports over another range (the configured one, when the stored range differs). */
    PortAllocation over(int newMin, int newMax) {
        if (newMin == min && newMax == max) return this;
        return new PortAllocation(newMin, newMax, new BitSet(), revision).with(ports(), Set.of());
    }

    String range() {
        return min + "-" + max;
    }

    String data() {
        return Base64.getEncoder().encodeToString(bits.toByteArray());
    }

    static PortAllocation parse(String range, String data, long revision) {
        int dash = range.indexOf('-');
        return new PortAllocation(
                Integer.parseInt(range.substring(0, dash).trim()),
                Integer.parseInt(range.substring(dash + 1).trim()),
                BitSet.valueOf(Base64.getDecoder().decode(data)),
                revision);
    }
}

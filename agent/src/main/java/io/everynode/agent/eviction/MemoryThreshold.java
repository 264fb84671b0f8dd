package io.everynode.agent.eviction;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A hard eviction threshold on the {@code memory.available} signal, as the kubelet's
 * {@code --eviction-hard memory.available<100Mi}: either an absolute quantity or a percentage
 * of the node's memory capacity.
 *
 * @param bytes the threshold in bytes, when absolute (else -1)
 * @param percent the threshold as a percentage of capacity (0 &lt; p ≤ 100), when relative (else -1)
 */
public record MemoryThreshold(long bytes, double percent) {
    public static final String SIGNAL = "memory.available";
    /** The kubelet's default hard threshold on Linux (R9.4). */
    public static final MemoryThreshold DEFAULT = new MemoryThreshold(100L << 20, -1);

    public MemoryThreshold {
        if ((bytes < 0) == (percent < 0))
            throw new IllegalArgumentException("a threshold is a quantity or a percentage");
        if (percent > 100) throw new IllegalArgumentException("a percentage threshold must be at most 100%");
    }

    /**
     * Parses {@code 100Mi}, {@code 104857600} or {@code 5%} (the part after
     * {@code memory.available<}).
     *
     * @throws IllegalArgumentException with what was expected
     */
    public static MemoryThreshold parse(String value) {
        Objects.requireNonNull(value, "value");
        String v = value.strip();
        if (v.endsWith("%")) {
            double p;
            try {
                p = Double.parseDouble(v.substring(0, v.length() - 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a percentage: \"" + value + "\" (use e.g. 5%)");
            }
            if (!(p > 0) || p > 100)
                throw new IllegalArgumentException(
                        "a percentage threshold must be above 0% and at most 100%: \"" + value + "\"");
            return new MemoryThreshold(-1, p);
        }
        BigDecimal amount;
        try {
            amount = Quantity.getAmountInBytes(new Quantity(v));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a quantity: \"" + value + "\" (use e.g. 100Mi or 5%)");
        }
        if (amount.signum() < 0)
            throw new IllegalArgumentException("a threshold must not be negative: \"" + value + "\"");
        return new MemoryThreshold(amount.longValue(), -1);
    }

    /** The threshold in bytes on a node with {@code capacityBytes} of memory. */
    public long bytes(long capacityBytes) {
        return bytes >= 0 ? bytes : (long) (capacityBytes * (percent / 100.0));
    }

    /** As given on the command line, e.g. {@code memory.available<100Mi}. */
    @Override
    public String toString() {
        if (bytes >= 0) return SIGNAL + "<" + Quantities.binary(bytes);
        String p = percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
        return SIGNAL + "<" + p + "%";
    }
}

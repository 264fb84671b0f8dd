package io.everynode.agent.eviction;

/** Byte counts in the canonical binary form Kubernetes prints them: 100Mi, 3404Ki, 1500, 0. */
final class Quantities {
    private static final String[] SUFFIXES = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private Quantities() {}

    /** The largest binary suffix that divides {@code bytes} exactly; a plain number otherwise. */
    static String binary(long bytes) {
        if (bytes == 0) return "0";
        long v = bytes;
        int unit = -1;
        while (unit < SUFFIXES.length - 1 && v % 1024 == 0) {
            v /= 1024;
            unit++;
        }
        return unit < 0 ? Long.toString(v) : v + SUFFIXES[unit];
    }
}

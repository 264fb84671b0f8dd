package io.everynode.store;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a latency sample in nanoseconds, shared by the benchmarks
 * ({@code everynode bench store}, {@code bench api}, {@code bench up}). The p-th percentile is the
 * smallest sample with at least p of the sample at or below it: sorted[ceil(p * n) - 1]. An empty
 * sample answers 0 for every percentile. Immutable; the caller's array is not touched.
 */
public final class Percentiles {
    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /** Sorts a copy of {@code nanos}. */
    public static Percentiles of(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return new Percentiles(s);
    }

    /** The samples of several writers, as one sample. */
    public static Percentiles of(long[][] nanos) {
        return of(Arrays.stream(nanos).flatMapToLong(Arrays::stream).toArray());
    }

    public int count() {
        return sorted.length;
    }

    /** The nearest-rank {@code p}-th percentile (0 < p <= 1) in nanoseconds; 0 for an empty sample. */
    public long at(double p) {
        if (!(p > 0 && p <= 1)) throw new IllegalArgumentException("a percentile is in (0, 1], not " + p);
        if (sorted.length == 0) return 0;
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** {@link #at} in milliseconds. */
    public double millisAt(double p) {
        return at(p) / 1e6;
    }

    /** The largest sample, 0 when empty. */
    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }
}

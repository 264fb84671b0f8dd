package io.everynode.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-key exponential back-off, as client-go's ItemExponentialFailureRateLimiter: the n-th
 * consecutive failure of a key waits {@code base * 2^(n-1)}, capped at {@code max}, until the
 * key is forgotten. Not thread-safe: its owner synchronises.
 */
final class ExponentialBackoff<K> {
    private final Duration base;
    private final Duration max;
    private final Map<K, Integer> failures = new HashMap<>();

    ExponentialBackoff(Duration base, Duration max) {
        if (base.isNegative() || base.isZero()) throw new IllegalArgumentException("base delay must be positive");
        if (max.compareTo(base) < 0) throw new IllegalArgumentException("max delay must be at least the base delay");
        this.base = base;
        this.max = max;
    }

    /** Records one more failure of {@code key} and answers how long it should wait. */
    Duration next(K key) {
        int n = failures.merge(key, 1, Integer::sum);
        return delay(n - 1);
    }

    int failures(K key) {
        return failures.getOrDefault(key, 0);
    }

    void forget(K key) {
        failures.remove(key);
    }

    /** {@code base * 2^exp} capped at max, without overflow for any exponent. */
    private Duration delay(int exp) {
        if (exp >= 62) return max;
        long factor = 1L << exp;
        long baseNanos = base.toNanos();
        if (baseNanos > max.toNanos() / factor) return max;
        Duration d = Duration.ofNanos(baseNanos * factor);
        return d.compareTo(max) > 0 ? max : d;
    }
}

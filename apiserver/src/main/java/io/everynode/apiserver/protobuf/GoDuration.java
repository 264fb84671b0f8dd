package io.everynode.apiserver.protobuf;

import java.math.BigDecimal;

/**
 * Go's {@code time.Duration.String()}, the JSON form of meta/v1 Duration: "1h2m3.5s", "1.5ms",
 * "0s". Units below a second are used only for durations under one second, as Go does.
 */
final class GoDuration {
    private GoDuration() {}

    static String format(long nanos) {
        if (nanos == 0) return "0s";
        String sign = nanos < 0 ? "-" : "";
        BigDecimal n = BigDecimal.valueOf(nanos).abs();
        if (n.compareTo(BigDecimal.valueOf(1_000)) < 0) return sign + n + "ns";
        if (n.compareTo(BigDecimal.valueOf(1_000_000)) < 0) return sign + decimal(n, 3) + "µs";
        if (n.compareTo(BigDecimal.valueOf(1_000_000_000)) < 0) return sign + decimal(n, 6) + "ms";
        BigDecimal[] hours = n.divideAndRemainder(BigDecimal.valueOf(3_600_000_000_000L));
        BigDecimal[] minutes = hours[1].divideAndRemainder(BigDecimal.valueOf(60_000_000_000L));
        StringBuilder out = new StringBuilder(sign);
        if (hours[0].signum() > 0) out.append(hours[0]).append('h');
        if (hours[0].signum() > 0 || minutes[0].signum() > 0)
            out.append(minutes[0]).append('m');
        return out.append(decimal(minutes[1], 9)).append('s').toString();
    }

    /** {@code n} divided by 10^scale, without trailing zeros. */
    private static String decimal(BigDecimal n, int scale) {
        BigDecimal v = n.movePointLeft(scale).stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0).toPlainString() : v.toPlainString();
    }
}

package io.everynode.apiserver.metrics;

import io.everynode.api.json.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * NodeMetrics and PodMetrics as metrics-server writes them: metadata (name, namespace, the
 * node's or pod's labels, creationTimestamp now), {@code timestamp} (the reading's, in seconds
 * as metav1.Time is written), {@code window} (a Go duration, e.g. {@code 15.012s}), and usage
 * with CPU in nanocores and memory in bytes, each in the canonical Kubernetes quantity form
 * ({@code 123456n}, {@code 24436Ki}). Pure.
 */
final class MetricsObjects {
    private static final String[] DECIMAL = {"n", "u", "m", ""};
    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private MetricsObjects() {}

    static ObjectNode node(String name, Map<String, String> labels, Instant now, UsageRates.NodeRate r) {
        ObjectNode o = head("NodeMetrics", name, null, labels, now);
        o.put("timestamp", time(r.timestamp()));
        o.put("window", window(r.window()));
        usage(o.putObject("usage"), r.nanocores(), r.memoryBytes());
        return o;
    }

    static ObjectNode pod(Map<String, String> labels, Instant now, UsageRates.PodRate r) {
        ObjectNode o = head("PodMetrics", r.name(), r.namespace(), labels, now);
        o.put("timestamp", time(r.timestamp()));
        o.put("window", window(r.window()));
        ArrayNode cs = o.putArray("containers");
        for (UsageRates.ContainerRate c : r.containers()) {
            ObjectNode co = cs.addObject();
            co.put("name", c.name());
            usage(co.putObject("usage"), c.nanocores(), c.memoryBytes());
        }
        return o;
    }

    static ObjectNode list(String kind, List<ObjectNode> items) {
        ObjectNode o = Json.object();
        o.put("kind", kind);
        o.put("apiVersion", MetricsTypes.GROUP_VERSION);
        o.putObject("metadata");
        ArrayNode a = o.putArray("items");
        items.forEach(a::add);
        return o;
    }

    private static ObjectNode head(
            String kind, String name, String namespace, Map<String, String> labels, Instant now) {
        ObjectNode o = Json.object();
        o.put("kind", kind);
        o.put("apiVersion", MetricsTypes.GROUP_VERSION);
        ObjectNode m = o.putObject("metadata");
        m.put("name", name);
        if (namespace != null) m.put("namespace", namespace);
        m.put("creationTimestamp", time(now));
        if (!labels.isEmpty()) {
            ObjectNode l = m.putObject("labels");
            labels.forEach(l::put);
        }
        return o;
    }

    private static void usage(ObjectNode u, long nanocores, long bytes) {
        u.put("cpu", cpu(nanocores));
        u.put("memory", memory(bytes));
    }

    /** Nanocores in canonical decimal form: the largest of n, u, m or cores that holds the value exactly. */
    static String cpu(long nanocores) {
        if (nanocores == 0) return "0";
        long v = nanocores;
        int i = 0;
        while (i < DECIMAL.length - 1 && v % 1000 == 0) {
            v /= 1000;
            i++;
        }
        return v + DECIMAL[i];
    }

    /** Bytes in canonical binary form: below 1024 plain, else the largest power of 1024 that divides the value. */
    static String memory(long bytes) {
        if (bytes < 1024) return Long.toString(bytes);
        long v = bytes;
        int i = 0;
        while (i < BINARY.length - 1 && v % 1024 == 0) {
            v /= 1024;
            i++;
        }
        return v + BINARY[i];
    }

    /** Go's time.Duration text: {@code 15s}, {@code 15.012s}, {@code 1m0.5s}, {@code 250ms}. */
    static String window(Duration d) {
        long n = d.toNanos();
        if (n == 0) return "0s";
        String sign = n < 0 ? "-" : "";
        n = Math.abs(n);
        if (n < 1_000L) return sign + n + "ns";
        if (n < 1_000_000L) return sign + fraction(n, 1_000L) + "µs";
        if (n < 1_000_000_000L) return sign + fraction(n, 1_000_000L) + "ms";
        long hours = n / 3_600_000_000_000L;
        long minutes = n / 60_000_000_000L % 60;
        String seconds = fraction(n % 60_000_000_000L, 1_000_000_000L) + "s";
        if (hours > 0) return sign + hours + "h" + minutes + "m" + seconds;
        if (minutes > 0) return sign + minutes + "m" + seconds;
        return sign + seconds;
    }

    private static String fraction(long n, long unit) {
        return BigDecimal.valueOf(n)
                .divide(BigDecimal.valueOf(unit))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

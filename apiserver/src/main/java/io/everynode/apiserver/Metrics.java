package io.everynode.apiserver;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters and latency sums in the Prometheus text format, served on {@code /metrics}
 * under upstream's metric names where they exist.
 */
final class Metrics {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> latencyMicros = new ConcurrentHashMap<>();

    void record(String verb, String resource, int code, long micros) {
        requests.computeIfAbsent(
                        "verb=\"" + verb + "\",resource=\"" + resource + "\",code=\"" + code + "\"",
                        k -> new LongAdder())
                .increment();
        latencyMicros
                .computeIfAbsent("verb=\"" + verb + "\",resource=\"" + resource + "\"", k -> new LongAdder())
                .add(micros);
    }

    String render(long objects, long revision) {
        StringBuilder b = new StringBuilder();
        b.append(
                "# HELP apiserver_request_total Counter of apiserver requests broken out by verb, resource and HTTP response code.\n");
        b.append("# TYPE apiserver_request_total counter\n");
        new TreeMap<>(requests)
                .forEach((k, v) -> b.append("apiserver_request_total{")
                        .append(k)
                        .append("} ")
                        .append(v.sum())
                        .append('\n'));
        b.append("# HELP everynode_request_duration_seconds_sum Total time spent serving requests.\n");
        b.append("# TYPE everynode_request_duration_seconds_sum counter\n");
        new TreeMap<>(latencyMicros)
                .forEach((k, v) -> b.append("everynode_request_duration_seconds_sum{")
                        .append(k)
                        .append("} ")
                        .append(v.sum() / 1e6)
                        .append('\n'));
        b.append(
                "# HELP apiserver_storage_objects Number of stored objects.\n# TYPE apiserver_storage_objects gauge\n");
        b.append("apiserver_storage_objects ").append(objects).append('\n');
        b.append("# HELP everynode_store_revision Latest store revision.\n# TYPE everynode_store_revision gauge\n");
        b.append("everynode_store_revision ").append(revision).append('\n');
        return b.toString();
    }
}

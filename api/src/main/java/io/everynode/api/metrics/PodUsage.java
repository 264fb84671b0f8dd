package io.everynode.api.metrics;

import java.time.Instant;
import java.util.List;

/**
 * One pod's reading: its running containers, each with the start of its current instance (a
 * reading across a restart is no rate: the API server compares start times, as metrics-server does).
 */
public record PodUsage(String namespace, String name, List<Container> containers) {
    public PodUsage {
        containers = List.copyOf(containers);
    }

    public record Container(String name, Instant startTime, Usage usage) {}
}

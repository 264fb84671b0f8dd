package io.everynode.controllers.podgc;

import java.time.Duration;

/**
 * R10.5 settings, upstream's defaults: keep at most 12 500 terminated pods (0 or less disables
 * that pass), wait 40 s before trusting that a node is really gone, run every 20 s.
 */
public record PodGcConfig(int terminatedPodThreshold, Duration quarantine, Duration period) {
    public static PodGcConfig defaults() {
        return new PodGcConfig(12_500, Duration.ofSeconds(40), Duration.ofSeconds(20));
    }
}

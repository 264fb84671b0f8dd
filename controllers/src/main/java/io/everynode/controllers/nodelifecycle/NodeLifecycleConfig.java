package io.everynode.controllers.nodelifecycle;

import java.time.Duration;

/**
 * R10.1 timings. Upstream defaults: a node that has posted status is given up on 40 s after the
 * controller last observed a sign of life from it (newer releases use 50 s); a node that never
 * posted status gets 60 s from creation; health is checked, and signs of life observed, every 5 s.
 */
public record NodeLifecycleConfig(Duration monitorGracePeriod, Duration startupGracePeriod, Duration monitorPeriod) {
    public static NodeLifecycleConfig defaults() {
        return new NodeLifecycleConfig(Duration.ofSeconds(40), Duration.ofSeconds(60), Duration.ofSeconds(5));
    }
}

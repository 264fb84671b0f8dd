package io.everynode.agent.probe;

import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;

/**
 * A probe's timing with the API's defaults applied: initialDelaySeconds 0, periodSeconds 10,
 * timeoutSeconds 1, successThreshold 1, failureThreshold 3 (values below the API's minimum of 1
 * count as the minimum, as validation would have made them).
 */
record ProbeSpec(Duration initialDelay, Duration period, Duration timeout, int successThreshold, int failureThreshold) {

    static ProbeSpec of(Probe p) {
        return new ProbeSpec(
                Duration.ofSeconds(Math.max(0, or(p.getInitialDelaySeconds(), 0))),
                Duration.ofSeconds(Math.max(1, or(p.getPeriodSeconds(), 10))),
                Duration.ofSeconds(Math.max(1, or(p.getTimeoutSeconds(), 1))),
                Math.max(1, or(p.getSuccessThreshold(), 1)),
                Math.max(1, or(p.getFailureThreshold(), 3)));
    }

    private static int or(Integer v, int dflt) {
        return v == null ? dflt : v;
    }
}

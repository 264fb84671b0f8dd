package io.everynode.agent.probe;

/**
 * What one probe attempt found.
 *
 * @param detail why it failed, in the kubelet's words where there are some (shown in the
 *     Unhealthy event after "Liveness probe failed: "); empty on success
 */
record ProbeResult(Outcome outcome, String detail) {
    enum Outcome {
        SUCCESS,
        FAILURE,
        UNKNOWN
    }

    static ProbeResult success() {
        return new ProbeResult(Outcome.SUCCESS, "");
    }

    static ProbeResult failure(String detail) {
        return new ProbeResult(Outcome.FAILURE, detail);
    }
}

package io.everynode.agent.probe;

import io.everynode.agent.ContainerRuntime;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * What every probe worker of one agent shares.
 *
 * @param podIP the runtime's pod IP by pod uid (null when unknown)
 * @param simulatedNetwork true when pod IPs are made up (the simulated runtime): network probes
 *     aimed at such an IP succeed without a connection, since nothing could listen there
 */
record ProbeContext(
        ContainerRuntime runtime,
        Probers probers,
        ScheduledExecutorService timers,
        Clock clock,
        ProbeManager.Listener listener,
        Function<String, String> podIP,
        boolean simulatedNetwork) {

    /** Whether {@code p} is a network probe aimed at a made-up pod IP. */
    boolean unreachable(Pod pod, Probe p) {
        if (!simulatedNetwork || Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) return false;
        if (p.getHttpGet() != null) return blank(p.getHttpGet().getHost());
        if (p.getTcpSocket() != null) return blank(p.getTcpSocket().getHost());
        return p.getGrpc() != null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

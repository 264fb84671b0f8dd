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
 * @param simulatedNetwork true when the runtime's network is made up (the simulated runtime):
 *     network probes aimed at a pod's IP succeed without a connection, since nothing could listen
 *     there. That holds for hostNetwork pods too: their IP is the node's, and nothing of the pod
 *     listens on the machine (flannel's or MetalLB's probes on the host's ports would otherwise
 *     reach whatever the machine runs there, or nothing). Only a probe that names its
 *     {@code host} connects for real.
 */
record ProbeContext(
        ContainerRuntime runtime,
        Probers probers,
        ScheduledExecutorService timers,
        Clock clock,
        ProbeManager.Listener listener,
        Function<String, String> podIP,
        boolean simulatedNetwork) {

    /** Whether {@code p} is a network probe aimed at the pod's made-up IP (hostNetwork or not). */
    boolean unreachable(Pod pod, Probe p) {
        if (!simulatedNetwork) return false;
        if (p.getHttpGet() != null) return blank(p.getHttpGet().getHost());
        if (p.getTcpSocket() != null) return blank(p.getTcpSocket().getHost());
        return p.getGrpc() != null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

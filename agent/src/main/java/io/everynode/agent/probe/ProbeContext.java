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
 *     network probes aimed at a pod's IP (no explicit {@code host}) succeed without a connection,
 *     since nothing could listen there. A hostNetwork pod's every network probe does, whatever
 *     host it names: its network is the node's, which is made up too, loopback included
 *     (MetalLB's speaker probes {@code 127.0.0.1:7472} of its node; connecting would reach
 *     whatever this machine runs there, or nothing). Only a probe of a pod outside the host
 *     network that names its {@code host} connects for real.
 */
record ProbeContext(
        ContainerRuntime runtime,
        Probers probers,
        ScheduledExecutorService timers,
        Clock clock,
        ProbeManager.Listener listener,
        Function<String, String> podIP,
        boolean simulatedNetwork) {

    /** Whether {@code p} is a network probe aimed at a made-up address: the pod's IP, or any of a made-up node's. */
    boolean unreachable(Pod pod, Probe p) {
        if (!simulatedNetwork) return false;
        if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork()))
            return p.getHttpGet() != null || p.getTcpSocket() != null || p.getGrpc() != null;
        if (p.getHttpGet() != null) return blank(p.getHttpGet().getHost());
        if (p.getTcpSocket() != null) return blank(p.getTcpSocket().getHost());
        return p.getGrpc() != null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

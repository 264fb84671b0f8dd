package io.everynode.api.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;

/**
 * E2.1, stricter than upstream: a surge rollout (maxSurge non-zero) of a template that binds a
 * host port is refused. During a surge the old and the new pod of one node run side by side, and
 * two pods cannot bind one host port on one node: the scheduler's NodePorts filter keeps the new
 * pod Pending (or, were it placed, its bind would fail) until the old one goes, which a surge never
 * does first, so the rollout would stall forever. Every container and init container port with a
 * hostPort counts, as the NodePorts filter counts them; with {@code hostNetwork} the defaulting has
 * already set each declared port's hostPort to its containerPort, so a host-network pod that
 * declares its ports is refused too (the same conflict: the port is bound on the host). A
 * host-network pod that declares no port cannot be seen and is not refused. Pure.
 */
final class SurgeHostPorts {
    static final String WHY = "may not be set when spec.updateStrategy.rollingUpdate.maxSurge is non-zero: two pods of"
            + " one DaemonSet cannot bind one host port on one node, so the surged pod could never run beside the old"
            + " one and the rollout would stall; use maxUnavailable instead";
    static final String WHY_HOST_NETWORK = WHY + " (with hostNetwork, every declared containerPort is a hostPort)";

    private SurgeHostPorts() {}

    /** Adds one error per host port of {@code spec} (the template's pod spec at {@code path}). */
    static void check(List<FieldError> errs, PodSpec spec, String path) {
        if (spec == null) {
            return;
        }
        boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
        ports(errs, spec.getContainers(), path + ".containers", hostNetwork);
        ports(errs, spec.getInitContainers(), path + ".initContainers", hostNetwork);
    }

    private static void ports(List<FieldError> errs, List<Container> containers, String path, boolean hostNetwork) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            List<ContainerPort> ports = containers.get(i).getPorts();
            if (ports == null) {
                continue;
            }
            for (int j = 0; j < ports.size(); j++) {
                Integer hostPort = ports.get(j).getHostPort();
                if (hostPort != null && hostPort > 0) {
                    errs.add(FieldError.invalid(
                            path + "[" + i + "].ports[" + j + "].hostPort",
                            hostPort,
                            hostNetwork ? WHY_HOST_NETWORK : WHY));
                }
            }
        }
    }
}

package io.everynode.controllers.endpoints;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a Service's ports on one pod (upstream's FindPort): a numeric targetPort is the port;
 * a named one is the containerPort of the first container port with that name and the Service
 * port's protocol, in containers then init containers (sidecars); an unset targetPort is the
 * Service port itself. A name no container declares leaves that port out for that pod. Stateless.
 */
public final class PortResolver {
    private PortResolver() {}

    /** The Service's ports as they reach {@code pod}, sorted by {@link ResolvedPort#ORDER}. */
    public static List<ResolvedPort> resolve(Service service, Pod pod) {
        List<ResolvedPort> out = new ArrayList<>();
        List<ServicePort> ports =
                service.getSpec() == null ? null : service.getSpec().getPorts();
        if (ports == null) return out;
        for (ServicePort sp : ports) {
            String protocol = sp.getProtocol() == null ? "TCP" : sp.getProtocol();
            find(pod, sp, protocol)
                    .ifPresent(n -> out.add(new ResolvedPort(
                            sp.getName() == null ? "" : sp.getName(), n, protocol, sp.getAppProtocol())));
        }
        out.sort(ResolvedPort.ORDER);
        return out;
    }

    static Optional<Integer> find(Pod pod, ServicePort sp, String protocol) {
        IntOrString target = sp.getTargetPort();
        if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
            return Optional.ofNullable(sp.getPort());
        }
        if (target.getIntVal() != null) return Optional.of(target.getIntVal());
        String name = target.getStrVal();
        if (pod.getSpec() == null) return Optional.empty();
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec().getContainers() != null)
            containers.addAll(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null)
            containers.addAll(pod.getSpec().getInitContainers());
        for (Container c : containers) {
            if (c.getPorts() == null) continue;
            for (ContainerPort p : c.getPorts()) {
                String pp = p.getProtocol() == null ? "TCP" : p.getProtocol();
                if (name.equals(p.getName()) && protocol.equals(pp)) return Optional.ofNullable(p.getContainerPort());
            }
        }
        return Optional.empty();
    }
}

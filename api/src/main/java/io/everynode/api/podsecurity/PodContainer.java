package io.everynode.api.podsecurity;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields the checks read of any container of a pod: init, regular or ephemeral (upstream's
 * {@code visitContainers} visits all three, in that order).
 */
record PodContainer(
        String name,
        SecurityContext securityContext,
        List<ContainerPort> ports,
        Probe livenessProbe,
        Probe readinessProbe,
        Probe startupProbe,
        Lifecycle lifecycle) {

    static List<PodContainer> of(PodSpec spec) {
        List<PodContainer> out = new ArrayList<>();
        for (Container c : nonNull(spec.getInitContainers())) out.add(of(c));
        for (Container c : nonNull(spec.getContainers())) out.add(of(c));
        for (EphemeralContainer c : nonNull(spec.getEphemeralContainers())) {
            out.add(new PodContainer(
                    c.getName(),
                    c.getSecurityContext(),
                    nonNull(c.getPorts()),
                    c.getLivenessProbe(),
                    c.getReadinessProbe(),
                    c.getStartupProbe(),
                    c.getLifecycle()));
        }
        return out;
    }

    private static PodContainer of(Container c) {
        return new PodContainer(
                c.getName(),
                c.getSecurityContext(),
                nonNull(c.getPorts()),
                c.getLivenessProbe(),
                c.getReadinessProbe(),
                c.getStartupProbe(),
                c.getLifecycle());
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}

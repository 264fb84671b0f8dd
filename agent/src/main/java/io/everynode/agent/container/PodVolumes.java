package io.everynode.agent.container;

import io.everynode.agent.process.AtomicVolumeWriter;
import io.everynode.agent.process.FsGroupOwnership;
import io.everynode.agent.process.Volumes;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * What must be on the host before a container's bundle can name its volumes: hostPath sources
 * (the kubelet's type checks, and a missing source of type "" made a directory, as containerd
 * does), emptyDir directories (mode 0777, as the kubelet makes them, given to the pod's fsGroup as
 * the process runtime does; medium Memory is a tmpfs of the container's mount namespace and needs
 * nothing here), configMap, secret and projected
 * volumes written by the agent ({@link io.everynode.agent.ContainerRuntime#writeVolumes}).
 * And the pod's hostPort mappings for its network.
 */
final class PodVolumes {
    private PodVolumes() {}

    /** Sets up the container's volume sources; answers why it cannot yet (the container waits), or null. */
    static String prepare(Pod pod, Container c, Path volumesDir) {
        if (c.getVolumeMounts() == null) return null;
        for (VolumeMount vm : c.getVolumeMounts()) {
            Volume v = find(pod, vm.getName());
            if (v == null) return "volume \"" + vm.getName() + "\" is mounted but not declared in the pod";
            try {
                if (v.getHostPath() != null) {
                    Path p = Volumes.hostPath(v.getHostPath());
                    if (!Files.exists(p)) Files.createDirectories(p);
                    if (vm.getSubPath() != null && !vm.getSubPath().isEmpty()) {
                        Path sub = p.resolve(vm.getSubPath());
                        if (!Files.exists(sub)) Files.createDirectories(sub);
                    }
                } else if (v.getEmptyDir() != null
                        && !"Memory".equals(v.getEmptyDir().getMedium())) {
                    Path d = volumesDir.resolve(v.getName());
                    Files.createDirectories(d);
                    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
                    Long fsGroup = fsGroup(pod);
                    if (fsGroup != null) {
                        FsGroupOwnership.apply(
                                d, fsGroup, Boolean.TRUE.equals(vm.getReadOnly()), fsGroupOnRootMismatch(pod));
                    }
                } else if (v.getConfigMap() != null || v.getSecret() != null || v.getProjected() != null) {
                    if (!Files.isSymbolicLink(volumesDir.resolve(v.getName()).resolve(AtomicVolumeWriter.DATA)))
                        return "volume \"" + v.getName() + "\" has not been set up yet";
                }
            } catch (Volumes.Failure f) {
                return f.getMessage();
            } catch (IOException | RuntimeException e) {
                return "cannot set up volume \"" + v.getName() + "\": " + e.getMessage();
            }
        }
        return null;
    }

    /** The pod's fsGroup, or null. */
    static Long fsGroup(Pod pod) {
        var psc = pod.getSpec().getSecurityContext();
        return psc == null ? null : psc.getFsGroup();
    }

    /** Whether the pod's fsGroupChangePolicy is OnRootMismatch (else Always). */
    static boolean fsGroupOnRootMismatch(Pod pod) {
        var psc = pod.getSpec().getSecurityContext();
        return psc != null && "OnRootMismatch".equals(psc.getFsGroupChangePolicy());
    }

    /** The pod's container ports with a hostPort, for {@link PodNetwork#attach}. */
    static List<PodNetwork.PortMapping> ports(Pod pod) {
        List<PodNetwork.PortMapping> out = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getPorts() == null) continue;
            for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() == null || p.getHostPort() <= 0) continue;
                out.add(new PodNetwork.PortMapping(
                        p.getHostPort(),
                        p.getContainerPort(),
                        p.getProtocol() == null ? "TCP" : p.getProtocol(),
                        p.getHostIP() == null ? "" : p.getHostIP()));
            }
        }
        return out;
    }

    private static Volume find(Pod pod, String name) {
        if (pod.getSpec().getVolumes() == null) return null;
        for (Volume v : pod.getSpec().getVolumes()) if (name.equals(v.getName())) return v;
        return null;
    }
}

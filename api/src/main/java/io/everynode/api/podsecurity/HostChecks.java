package io.everynode.api.podsecurity;

import static io.everynode.api.podsecurity.Words.containers;
import static io.everynode.api.podsecurity.Words.joinQuote;
import static io.everynode.api.podsecurity.Words.pluralize;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The baseline checks that keep a pod off its node's resources: host namespaces, hostPath
 * volumes, host ports, probe and lifecycle hosts, Windows host processes (upstream's
 * check_hostNamespaces, check_hostPathVolumes, check_hostPorts, check_hostProbesAndhostLifecycle,
 * check_windowsHostProcess).
 */
final class HostChecks {
    private HostChecks() {}

    static List<Check> all() {
        return List.of(
                Check.baseline("hostNamespaces", HostChecks::hostNamespaces),
                Check.baseline("hostPathVolumes", HostChecks::hostPathVolumes),
                Check.baseline("hostPorts", HostChecks::hostPorts),
                Check.baseline("hostProbesAndHostLifecycle", HostChecks::hostProbesAndLifecycle),
                Check.baseline("windowsHostProcess", HostChecks::windowsHostProcess));
    }

    static Violation hostNamespaces(ObjectMeta meta, PodSpec spec) {
        List<String> set = new ArrayList<>();
        if (Boolean.TRUE.equals(spec.getHostNetwork())) set.add("hostNetwork=true");
        if (Boolean.TRUE.equals(spec.getHostPID())) set.add("hostPID=true");
        if (Boolean.TRUE.equals(spec.getHostIPC())) set.add("hostIPC=true");
        return set.isEmpty() ? null : new Violation("host namespaces", String.join(", ", set));
    }

    static Violation hostPathVolumes(ObjectMeta meta, PodSpec spec) {
        List<String> names = new ArrayList<>();
        for (Volume v : PodContainer.nonNull(spec.getVolumes())) {
            if (v.getHostPath() != null) names.add(v.getName());
        }
        if (names.isEmpty()) return null;
        return new Violation("hostPath volumes", pluralize("volume", "volumes", names.size()) + " " + joinQuote(names));
    }

    static Violation hostPorts(ObjectMeta meta, PodSpec spec) {
        List<String> bad = new ArrayList<>();
        Set<String> ports = new TreeSet<>(); // upstream lists them as sorted strings
        for (PodContainer c : PodContainer.of(spec)) {
            boolean uses = false;
            for (ContainerPort p : c.ports()) {
                if (p.getHostPort() != null && p.getHostPort() != 0) {
                    uses = true;
                    ports.add(String.valueOf(p.getHostPort()));
                }
            }
            if (uses) bad.add(c.name());
        }
        if (bad.isEmpty()) return null;
        return new Violation(
                "hostPort",
                containers(bad) + " " + pluralize("uses", "use", bad.size()) + " "
                        + pluralize("hostPort", "hostPorts", ports.size()) + " " + String.join(", ", ports));
    }

    static Violation hostProbesAndLifecycle(ObjectMeta meta, PodSpec spec) {
        Set<String> bad = new TreeSet<>();
        Set<String> hosts = new TreeSet<>();
        for (PodContainer c : PodContainer.of(spec)) {
            Set<String> found = new LinkedHashSet<>();
            probeHosts(c.livenessProbe(), found);
            probeHosts(c.readinessProbe(), found);
            probeHosts(c.startupProbe(), found);
            if (c.lifecycle() != null) {
                handlerHosts(c.lifecycle().getPostStart(), found);
                handlerHosts(c.lifecycle().getPreStop(), found);
            }
            if (!found.isEmpty()) {
                bad.add(c.name());
                hosts.addAll(found);
            }
        }
        if (bad.isEmpty()) return null;
        return new Violation(
                "probe or lifecycle host",
                containers(bad) + " " + pluralize("uses", "use", bad.size()) + " "
                        + pluralize("probe or lifecycle host", "probe or lifecycle hosts", hosts.size()) + " "
                        + joinQuote(hosts));
    }

    private static void probeHosts(Probe p, Set<String> out) {
        if (p != null) hosts(p.getHttpGet(), p.getTcpSocket(), out);
    }

    private static void handlerHosts(LifecycleHandler h, Set<String> out) {
        if (h != null) hosts(h.getHttpGet(), h.getTcpSocket(), out);
    }

    private static void hosts(HTTPGetAction http, TCPSocketAction tcp, Set<String> out) {
        if (http != null && http.getHost() != null && !http.getHost().isEmpty()) out.add(http.getHost());
        if (tcp != null && tcp.getHost() != null && !tcp.getHost().isEmpty()) out.add(tcp.getHost());
    }

    static Violation windowsHostProcess(ObjectMeta meta, PodSpec spec) {
        List<String> setters = new ArrayList<>();
        if (spec.getSecurityContext() != null
                && hostProcess(spec.getSecurityContext().getWindowsOptions())) {
            setters.add("pod");
        }
        List<String> bad = new ArrayList<>();
        for (PodContainer c : PodContainer.of(spec)) {
            if (c.securityContext() != null && hostProcess(c.securityContext().getWindowsOptions())) bad.add(c.name());
        }
        if (!bad.isEmpty()) setters.add(containers(bad));
        if (setters.isEmpty()) return null;
        return new Violation(
                "hostProcess",
                String.join(" and ", setters) + " must not set securityContext.windowsOptions.hostProcess=true");
    }

    private static boolean hostProcess(WindowsSecurityContextOptions o) {
        return o != null && Boolean.TRUE.equals(o.getHostProcess());
    }
}

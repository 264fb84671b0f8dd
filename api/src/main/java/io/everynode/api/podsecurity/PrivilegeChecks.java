package io.everynode.api.podsecurity;

import static io.everynode.api.podsecurity.Words.containers;
import static io.everynode.api.podsecurity.Words.joinQuote;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The baseline checks on what a container may do to its kernel: privileged, added capabilities,
 * the /proc mount type and sysctls (upstream's check_privileged, check_capabilities_baseline,
 * check_procMount, check_sysctls).
 */
final class PrivilegeChecks {
    private PrivilegeChecks() {}

    /** The capabilities a container may add at baseline: containerd's and docker's default set. */
    static final Set<String> DEFAULT_CAPABILITIES = Set.of(
            "AUDIT_WRITE",
            "CHOWN",
            "DAC_OVERRIDE",
            "FOWNER",
            "FSETID",
            "KILL",
            "MKNOD",
            "NET_BIND_SERVICE",
            "SETFCAP",
            "SETGID",
            "SETPCAP",
            "SETUID",
            "SYS_CHROOT");

    /** The safe sysctls of upstream 1.32 and later (the kubelet's safe set). */
    static final Set<String> SAFE_SYSCTLS = Set.of(
            "kernel.shm_rmid_forced",
            "net.ipv4.ip_local_port_range",
            "net.ipv4.tcp_syncookies",
            "net.ipv4.ping_group_range",
            "net.ipv4.ip_unprivileged_port_start",
            "net.ipv4.ip_local_reserved_ports",
            "net.ipv4.tcp_keepalive_time",
            "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl",
            "net.ipv4.tcp_keepalive_probes",
            "net.ipv4.tcp_rmem",
            "net.ipv4.tcp_wmem");

    static List<Check> all() {
        return List.of(
                Check.baseline("privileged", PrivilegeChecks::privileged),
                Check.baseline("capabilities_baseline", PrivilegeChecks::capabilities),
                Check.baseline("procMount", PrivilegeChecks::procMountBaseline),
                Check.baseline("sysctls", PrivilegeChecks::sysctls));
    }

    static Violation privileged(ObjectMeta meta, PodSpec spec) {
        List<String> bad = new ArrayList<>();
        for (PodContainer c : PodContainer.of(spec)) {
            if (c.securityContext() != null
                    && Boolean.TRUE.equals(c.securityContext().getPrivileged())) {
                bad.add(c.name());
            }
        }
        if (bad.isEmpty()) return null;
        return new Violation("privileged", containers(bad) + " must not set securityContext.privileged=true");
    }

    static Violation capabilities(ObjectMeta meta, PodSpec spec) {
        List<String> bad = new ArrayList<>();
        Set<String> added = new TreeSet<>();
        for (PodContainer c : PodContainer.of(spec)) {
            if (c.securityContext() == null || c.securityContext().getCapabilities() == null) continue;
            boolean valid = true;
            for (String cap :
                    PodContainer.nonNull(c.securityContext().getCapabilities().getAdd())) {
                if (!DEFAULT_CAPABILITIES.contains(cap)) {
                    valid = false;
                    added.add(cap);
                }
            }
            if (!valid) bad.add(c.name());
        }
        if (bad.isEmpty()) return null;
        return new Violation(
                "non-default capabilities",
                containers(bad) + " must not include " + joinQuote(added) + " in securityContext.capabilities.add");
    }

    /** Baseline lets a pod in its own user namespace ({@code hostUsers: false}) choose any /proc mount. */
    static Violation procMountBaseline(ObjectMeta meta, PodSpec spec) {
        return userNamespaced(spec) ? null : procMount(meta, spec);
    }

    static Violation procMount(ObjectMeta meta, PodSpec spec) {
        List<String> bad = new ArrayList<>();
        Set<String> types = new TreeSet<>();
        for (PodContainer c : PodContainer.of(spec)) {
            if (c.securityContext() == null || c.securityContext().getProcMount() == null) continue;
            String type = c.securityContext().getProcMount();
            if (!"Default".equals(type)) {
                bad.add(c.name());
                types.add(type);
            }
        }
        if (bad.isEmpty()) return null;
        return new Violation(
                "procMount", containers(bad) + " must not set securityContext.procMount to " + joinQuote(types));
    }

    static Violation sysctls(ObjectMeta meta, PodSpec spec) {
        List<String> bad = new ArrayList<>();
        if (spec.getSecurityContext() != null) {
            for (Sysctl s : PodContainer.nonNull(spec.getSecurityContext().getSysctls())) {
                if (!SAFE_SYSCTLS.contains(s.getName())) bad.add(s.getName());
            }
        }
        return bad.isEmpty() ? null : new Violation("forbidden sysctls", String.join(", ", bad));
    }

    /** Upstream's relaxation for pods in a user namespace of their own. */
    static boolean userNamespaced(PodSpec spec) {
        return Boolean.FALSE.equals(spec.getHostUsers());
    }
}

package io.everynode.agent.process;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a container's securityContext asks of the process runtime, worked out from the pod and
 * the container as plain data: who the command runs as, its capabilities, and the namespaces and
 * mounts it gets. {@link Isolation} turns it into {@code unshare} and {@code setpriv} arguments.
 *
 * <p>The pod's and the container's securityContext merge as the kubelet merges them: the
 * container's runAsUser, runAsGroup, runAsNonRoot, seLinuxOptions, windowsOptions, seccompProfile
 * and appArmorProfile win over the pod's; capabilities, privileged, readOnlyRootFilesystem,
 * allowPrivilegeEscalation and procMount are the container's only; supplementalGroups, fsGroup
 * and sysctls the pod's only. Images have no user of their own: a container without runAsUser
 * runs as root (uid 0, gid 0), so {@code runAsNonRoot} without a runAsUser is refused with the
 * kubelet's message.
 *
 * <p>A field the runtime cannot enforce is a {@link Refusal} naming it, never dropped: SELinux
 * options, seccomp and AppArmor profiles other than Unconfined, Windows options, sysctls,
 * {@code hostUsers: false} and {@code shareProcessNamespace}. On a node that cannot isolate (the
 * agent is not root, or util-linux's setpriv, unshare or mount are missing) containers run as
 * the agent's user in the node's namespaces, and anything asking for another user, groups,
 * capabilities or a read-only root is refused.
 *
 * @param capabilities the bounding set, in number order; null for every capability (privileged)
 * @param fsGroup the pod's fsGroup (emptyDir volumes are given to it), or null
 */
record SecurityContextPlan(
        boolean isolated,
        long uid,
        long gid,
        List<Long> groups,
        Set<String> capabilities,
        boolean noNewPrivs,
        boolean ownPids,
        boolean ownIpc,
        boolean readOnlyRoot,
        boolean maskedProc,
        Long fsGroup,
        boolean fsGroupOnRootMismatch) {

    /**
     * What the node can do.
     *
     * @param isolates whether the runtime can change users, capabilities and namespaces (root with setpriv, unshare, mount)
     * @param uid the agent's own uid, which containers run as when it cannot
     * @param gid the agent's own gid
     * @param capabilities the agent's bounding set: no container can have more; null when not known
     */
    record Host(boolean isolates, long uid, long gid, Set<String> capabilities) {
        Host(boolean isolates, long uid, long gid) {
            this(isolates, uid, gid, null);
        }

        /** This process: isolates when root and util-linux's setpriv, unshare and mount are on the PATH. */
        static Host current() {
            long uid = attribute("unix:uid");
            long gid = attribute("unix:gid");
            String path = System.getenv("PATH");
            boolean tools = List.of("setpriv", "unshare", "mount", "nsenter").stream()
                    .allMatch(t -> Launcher.missingExecutable(t, path) == null);
            return new Host(uid == 0 && tools, uid, gid, Capabilities.bounding(Path.of("/proc/self/status")));
        }

        private static long attribute(String name) {
            try {
                return ((Number) Files.getAttribute(Path.of("/proc/self"), name)).longValue();
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /** Why a container cannot start as asked; its message (the container's waiting message) names the field. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }

    /** A merged field's value and where it came from. */
    private record Field<T>(T value, String path) {
        static <T> Field<T> pick(T container, String containerPath, T pod, String podPath, String name) {
            if (container != null) return new Field<>(container, containerPath + "." + name);
            return new Field<>(pod, podPath + "." + name);
        }
    }

    static SecurityContextPlan of(Pod pod, Container c, Host host) throws Refusal {
        PodSpec spec = pod.getSpec();
        PodSecurityContext psc =
                spec.getSecurityContext() != null ? spec.getSecurityContext() : new PodSecurityContext();
        SecurityContext csc = c.getSecurityContext() != null ? c.getSecurityContext() : new SecurityContext();
        String pp = "spec.securityContext";
        String cp = containerPath(spec, c) + ".securityContext";

        if (Boolean.FALSE.equals(spec.getHostUsers())) {
            throw cannot(
                    "spec.hostUsers", "false asks for a user namespace, which the process runtime does not create");
        }
        if (Boolean.TRUE.equals(spec.getShareProcessNamespace())) {
            throw cannot(
                    "spec.shareProcessNamespace",
                    "the process runtime gives each container a PID namespace of its own"
                            + " and cannot share one between a pod's containers");
        }
        if (psc.getSysctls() != null && !psc.getSysctls().isEmpty()) {
            throw cannot(
                    pp + ".sysctls", "the process runtime sets no sysctls: a pod shares the node's kernel and network");
        }
        Field<SELinuxOptions> se =
                Field.pick(csc.getSeLinuxOptions(), cp, psc.getSeLinuxOptions(), pp, "seLinuxOptions");
        if (se.value() != null
                && (set(se.value().getUser())
                        || set(se.value().getRole())
                        || set(se.value().getType())
                        || set(se.value().getLevel()))) {
            throw cannot(se.path(), "the process runtime applies no SELinux labels");
        }
        Field<WindowsSecurityContextOptions> win =
                Field.pick(csc.getWindowsOptions(), cp, psc.getWindowsOptions(), pp, "windowsOptions");
        if (win.value() != null
                && (win.value().getHostProcess() != null
                        || set(win.value().getRunAsUserName())
                        || set(win.value().getGmsaCredentialSpec())
                        || set(win.value().getGmsaCredentialSpecName()))) {
            throw cannot(win.path(), "Windows options do not apply on a Linux node");
        }
        Field<SeccompProfile> seccomp =
                Field.pick(csc.getSeccompProfile(), cp, psc.getSeccompProfile(), pp, "seccompProfile");
        if (seccomp.value() != null && !"Unconfined".equals(seccomp.value().getType())) {
            throw cannot(
                    seccomp.path() + ".type",
                    seccomp.value().getType() + ": the process runtime loads no seccomp filters"
                            + " (only Unconfined runs)");
        }
        Field<AppArmorProfile> apparmor =
                Field.pick(csc.getAppArmorProfile(), cp, psc.getAppArmorProfile(), pp, "appArmorProfile");
        if (apparmor.value() != null && !"Unconfined".equals(apparmor.value().getType())) {
            throw cannot(
                    apparmor.path() + ".type",
                    apparmor.value().getType() + ": the process runtime applies no AppArmor"
                            + " profiles (only Unconfined runs)");
        }

        Field<Long> runAsUser = Field.pick(csc.getRunAsUser(), cp, psc.getRunAsUser(), pp, "runAsUser");
        Field<Long> runAsGroup = Field.pick(csc.getRunAsGroup(), cp, psc.getRunAsGroup(), pp, "runAsGroup");
        Field<Boolean> nonRoot = Field.pick(csc.getRunAsNonRoot(), cp, psc.getRunAsNonRoot(), pp, "runAsNonRoot");
        boolean privileged = Boolean.TRUE.equals(csc.getPrivileged());
        boolean readOnlyRoot = Boolean.TRUE.equals(csc.getReadOnlyRootFilesystem());
        List<Long> groups = new ArrayList<>(new LinkedHashSet<>(concat(psc.getFsGroup(), psc.getSupplementalGroups())));

        long uid;
        long gid;
        Set<String> caps;
        if (host.isolates()) {
            uid = runAsUser.value() != null ? runAsUser.value() : 0;
            gid = runAsGroup.value() != null ? runAsGroup.value() : 0;
            try {
                caps = privileged
                        ? null
                        : csc.getCapabilities() == null
                                ? Capabilities.DEFAULT_ORDERED
                                : Capabilities.effective(
                                        csc.getCapabilities().getAdd(),
                                        csc.getCapabilities().getDrop(),
                                        cp + ".capabilities");
            } catch (Capabilities.Unknown u) {
                throw new Refusal(u.field + ": unknown capability \"" + u.getMessage() + "\"");
            }
            List<String> add =
                    csc.getCapabilities() == null || csc.getCapabilities().getAdd() == null
                            ? List.of()
                            : csc.getCapabilities().getAdd();
            for (int i = 0; i < add.size() && host.capabilities() != null; i++) {
                String name = Capabilities.normalize(add.get(i));
                if (!name.equals("ALL") && !host.capabilities().contains(name)) {
                    throw cannot(
                            cp + ".capabilities.add[" + i + "]",
                            "the agent itself lacks CAP_" + name + ", so no container can have it");
                }
            }
        } else {
            uid = host.uid();
            gid = host.gid();
            caps = null;
            String why =
                    "this node cannot change users, capabilities or namespaces (the agent is not root, or util-linux's"
                            + " setpriv, unshare, mount or nsenter is missing), so containers run as the agent's user (uid "
                            + host.uid() + ")";
            if (runAsUser.value() != null && runAsUser.value() != host.uid()) throw cannot(runAsUser.path(), why);
            if (runAsGroup.value() != null && runAsGroup.value() != host.gid()) throw cannot(runAsGroup.path(), why);
            if (psc.getFsGroup() != null) throw cannot(pp + ".fsGroup", why);
            if (psc.getSupplementalGroups() != null
                    && !psc.getSupplementalGroups().isEmpty()) throw cannot(pp + ".supplementalGroups", why);
            if (readOnlyRoot) throw cannot(cp + ".readOnlyRootFilesystem", why);
            if (csc.getCapabilities() != null && host.uid() == 0) throw cannot(cp + ".capabilities", why);
            if (csc.getCapabilities() != null
                    && csc.getCapabilities().getAdd() != null
                    && !csc.getCapabilities().getAdd().isEmpty()) {
                throw cannot(cp + ".capabilities.add", why);
            }
            if (privileged && host.uid() != 0) throw cannot(cp + ".privileged", why);
        }

        if (Boolean.TRUE.equals(nonRoot.value())) {
            String who = "(pod: \"" + pod.getMetadata().getName() + "_"
                    + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")\", container: "
                    + c.getName() + ")";
            if (runAsUser.value() != null && runAsUser.value() == 0)
                throw new Refusal("container's runAsUser breaks non-root policy " + who);
            if (runAsUser.value() == null && uid == 0)
                throw new Refusal("container has runAsNonRoot and image will run as root " + who);
        }
        return new SecurityContextPlan(
                host.isolates(),
                uid,
                gid,
                List.copyOf(groups),
                caps,
                Boolean.FALSE.equals(csc.getAllowPrivilegeEscalation()),
                host.isolates() && !Boolean.TRUE.equals(spec.getHostPID()),
                host.isolates() && !Boolean.TRUE.equals(spec.getHostIPC()),
                readOnlyRoot,
                host.isolates() && !"Unmasked".equals(csc.getProcMount()),
                psc.getFsGroup(),
                "OnRootMismatch".equals(psc.getFsGroupChangePolicy()));
    }

    private static Refusal cannot(String field, String why) {
        return new Refusal(field + " cannot be enforced on this process node: " + why);
    }

    private static boolean set(String s) {
        return s != null && !s.isEmpty();
    }

    private static List<Long> concat(Long first, List<Long> rest) {
        List<Long> out = new ArrayList<>();
        if (first != null) out.add(first);
        if (rest != null) out.addAll(rest);
        return out;
    }

    /** {@code spec.containers[i]} or {@code spec.initContainers[i]}: where the container is in the pod. */
    private static String containerPath(PodSpec spec, Container c) {
        for (String kind : List.of("containers", "initContainers")) {
            List<Container> list = kind.equals("containers") ? spec.getContainers() : spec.getInitContainers();
            if (list == null) continue;
            for (int i = 0; i < list.size(); i++) {
                if (c.getName().equals(list.get(i).getName())) return "spec." + kind + "[" + i + "]";
            }
        }
        return "spec.containers[name=" + c.getName() + "]";
    }
}

package io.everynode.agent.container;

import io.everynode.agent.process.Capabilities;
import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A container's OCI runtime spec ({@code config.json}, runtime-spec 1.0.2) as plain data: a pure
 * function of the pod, the container, its prepared image and what the runtime set up for it
 * ({@link Inputs}). The rules are the kubelet's with containerd's CRI plugin:
 *
 * <ul>
 *   <li>process args: {@code command} replaces the image's Entrypoint and drops its Cmd;
 *       {@code args} replaces the Cmd; {@code $(VAR)} in either expands from the environment.</li>
 *   <li>mounts: containerd's defaults (/proc, /dev, /dev/pts, /dev/shm, /dev/mqueue, /sys and
 *       its cgroup read-only), /etc/hosts, /etc/hostname and /etc/resolv.conf from the pod's
 *       directory, then the container's volume mounts in order: hostPath binds with the
 *       mountPropagation (None → rprivate, HostToContainer → rslave, Bidirectional → rshared),
 *       emptyDir (a directory of the pod, or tmpfs for medium Memory), configMap, secret and
 *       projected volumes read-only from the directories the agent wrote.</li>
 *   <li>namespaces: mount, pid, uts always new unless hostPID (pid) or hostNetwork (uts, as the
 *       node's hostname then shows); ipc and network joined by path (the pod's shared ones), or
 *       the host's with hostIPC and hostNetwork.</li>
 *   <li>securityContext: privileged gives every capability, every device (the host's /dev is
 *       bound in), no masked or read-only paths and /sys read-write; otherwise containerd's
 *       default capabilities with add/drop, masked and read-only paths as containerd's defaults;
 *       allowPrivilegeEscalation false sets noNewPrivileges; readOnlyRootFilesystem makes the
 *       root read-only.</li>
 *   <li>linux.resources: cpu shares from requests.cpu (the kubelet's milliCPU × 1024 / 1000, at
 *       least 2), quota from limits.cpu over a 100 ms period, memory limit from limits.memory.</li>
 * </ul>
 */
public final class OciSpec {
    /** The CFS period the kubelet uses, in microseconds. */
    static final long CPU_PERIOD = 100_000;

    /** containerd's masked paths for unprivileged containers. */
    static final List<String> MASKED = List.of(
            "/proc/acpi",
            "/proc/asound",
            "/proc/kcore",
            "/proc/keys",
            "/proc/latency_stats",
            "/proc/timer_list",
            "/proc/timer_stats",
            "/proc/sched_debug",
            "/sys/firmware",
            "/sys/devices/virtual/powercap",
            "/proc/scsi");

    /** containerd's read-only paths for unprivileged containers. */
    static final List<String> READONLY =
            List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /**
     * What the runtime prepared for one container instance.
     *
     * @param env the container's environment, resolved (image Env, then the pod's variables)
     * @param uid the user the process runs as (runAsUser, else the image's User)
     * @param gid its group (runAsGroup, else the image's or the user's)
     * @param rootfs the overlay-mounted root filesystem
     * @param etcDir the pod's directory with {@code hosts}, {@code hostname} and {@code resolv.conf}
     * @param volumesDir the pod's directory of emptyDir, configMap, secret and projected volumes
     * @param netns the pod's network namespace, or null for the host's (hostNetwork)
     * @param ipcns the pod's IPC namespace, or null for the host's (hostIPC)
     * @param cgroupsPath the container's cgroup, relative to the cgroup mount
     * @param hostCapabilities what a privileged container gets: the capabilities the runtime
     *     itself holds (containerd's "all current capabilities"; more would fail to apply)
     */
    public record Inputs(
            Map<String, String> env,
            long uid,
            long gid,
            Path rootfs,
            Path etcDir,
            Path volumesDir,
            Path netns,
            Path ipcns,
            String cgroupsPath,
            Set<String> hostCapabilities) {}

    private OciSpec() {}

    /** The process's argv by Kubernetes' rules; empty when neither the pod nor the image names a command. */
    public static List<String> args(Container c, PreparedImage image, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        boolean command = c.getCommand() != null && !c.getCommand().isEmpty();
        boolean args = c.getArgs() != null && !c.getArgs().isEmpty();
        if (command) {
            for (String s : c.getCommand()) out.add(io.everynode.agent.process.ContainerEnv.expand(s, env));
        } else {
            out.addAll(image.entrypoint());
        }
        if (args) {
            for (String s : c.getArgs()) out.add(io.everynode.agent.process.ContainerEnv.expand(s, env));
        } else if (!command) {
            out.addAll(image.cmd());
        }
        return out;
    }

    /**
     * The spec of one instance.
     *
     * @throws IllegalArgumentException with the field at fault, e.g. an unknown capability or a
     *     volume mount of an undeclared volume (the container then waits in CreateContainerConfigError)
     */
    public static ObjectNode of(Pod pod, Container c, PreparedImage image, Inputs in) {
        SecurityContext sc = c.getSecurityContext();
        boolean privileged = sc != null && Boolean.TRUE.equals(sc.getPrivileged());
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
        boolean hostPID = Boolean.TRUE.equals(pod.getSpec().getHostPID());

        ObjectNode spec = Json.object();
        spec.put("ociVersion", "1.0.2");
        spec.set("process", process(pod, c, image, in, sc, privileged));
        ObjectNode root = spec.putObject("root");
        root.put("path", in.rootfs().toString());
        root.put("readonly", sc != null && Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()));
        if (!hostNetwork) spec.put("hostname", pod.getMetadata().getName());
        spec.set("mounts", mounts(pod, c, in, privileged));

        ObjectNode linux = spec.putObject("linux");
        linux.put("cgroupsPath", in.cgroupsPath());
        linux.set("resources", resources(c, privileged));
        ArrayNode ns = linux.putArray("namespaces");
        ns.addObject().put("type", "mount");
        if (!hostPID) ns.addObject().put("type", "pid");
        if (!hostNetwork) ns.addObject().put("type", "uts");
        if (in.ipcns() != null)
            ns.addObject().put("type", "ipc").put("path", in.ipcns().toString());
        if (in.netns() != null && !hostNetwork)
            ns.addObject().put("type", "network").put("path", in.netns().toString());
        String propagation = rootPropagation(c);
        if (propagation != null) linux.put("rootfsPropagation", propagation);
        if (!privileged) {
            ArrayNode masked = linux.putArray("maskedPaths");
            MASKED.forEach(masked::add);
            ArrayNode ro = linux.putArray("readonlyPaths");
            READONLY.forEach(ro::add);
        }
        return spec;
    }

    private static ObjectNode process(
            Pod pod, Container c, PreparedImage image, Inputs in, SecurityContext sc, boolean privileged) {
        ObjectNode p = Json.object();
        p.put("terminal", io.everynode.agent.StdinFifo.terminal(c));
        ObjectNode user = p.putObject("user");
        user.put("uid", in.uid());
        user.put("gid", in.gid());
        PodSecurityContext psc = pod.getSpec().getSecurityContext();
        if (psc != null && (psc.getSupplementalGroups() != null || psc.getFsGroup() != null)) {
            ArrayNode extra = user.putArray("additionalGids");
            if (psc.getFsGroup() != null) extra.add(psc.getFsGroup());
            if (psc.getSupplementalGroups() != null) psc.getSupplementalGroups().forEach(extra::add);
        }
        List<String> argv = args(c, image, in.env());
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("spec.containers[" + c.getName() + "].command: the image "
                    + image.image() + " has no Entrypoint or Cmd and the container no command");
        }
        ArrayNode args = p.putArray("args");
        argv.forEach(args::add);
        ArrayNode env = p.putArray("env");
        in.env().forEach((k, v) -> env.add(k + "=" + v));
        String cwd = c.getWorkingDir() != null && !c.getWorkingDir().isEmpty()
                ? c.getWorkingDir()
                : image.workingDir().isEmpty() ? "/" : image.workingDir();
        p.put("cwd", cwd);
        Set<String> caps = capabilities(c, sc, privileged, in.hostCapabilities());
        ObjectNode capsNode = p.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode a = capsNode.putArray(set);
            caps.forEach(cap -> a.add("CAP_" + cap));
        }
        boolean escalation =
                sc == null || sc.getAllowPrivilegeEscalation() == null ? true : sc.getAllowPrivilegeEscalation();
        p.put("noNewPrivileges", !privileged && !escalation);
        return p;
    }

    private static Set<String> capabilities(
            Container c, SecurityContext sc, boolean privileged, Set<String> hostCapabilities) {
        if (privileged) return hostCapabilities;
        List<String> add = sc == null || sc.getCapabilities() == null
                ? null
                : sc.getCapabilities().getAdd();
        List<String> drop = sc == null || sc.getCapabilities() == null
                ? null
                : sc.getCapabilities().getDrop();
        try {
            return Capabilities.effective(add, drop, "securityContext.capabilities");
        } catch (Capabilities.Unknown u) {
            throw new IllegalArgumentException("spec.containers[" + c.getName() + "]." + u.field
                    + ": unknown capability \"" + u.getMessage() + "\"");
        }
    }

    private static ArrayNode mounts(Pod pod, Container c, Inputs in, boolean privileged) {
        ArrayNode m = Json.array();
        mount(m, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
        if (privileged) {
            mount(m, "/dev", "bind", "/dev", List.of("rbind", "rprivate", "nosuid"));
        } else {
            mount(m, "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
            mount(
                    m,
                    "/dev/pts",
                    "devpts",
                    "devpts",
                    List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"));
            mount(m, "/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
            mount(m, "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
        }
        mount(m, "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", privileged ? "rw" : "ro"));
        mount(
                m,
                "/sys/fs/cgroup",
                "cgroup",
                "cgroup",
                List.of("nosuid", "noexec", "nodev", "relatime", privileged ? "rw" : "ro"));
        SecurityContext sc = c.getSecurityContext();
        String etc = sc != null && Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()) ? "ro" : "rw";
        for (String f : List.of("hosts", "hostname", "resolv.conf")) {
            mount(m, "/etc/" + f, "bind", in.etcDir().resolve(f).toString(), List.of("rbind", "rprivate", etc));
        }
        if (c.getVolumeMounts() == null) return m;
        for (int i = 0; i < c.getVolumeMounts().size(); i++) {
            VolumeMount vm = c.getVolumeMounts().get(i);
            Volume v = volume(pod, vm.getName());
            String field = "spec.containers[" + c.getName() + "].volumeMounts[" + i + "]";
            if (v == null)
                throw new IllegalArgumentException(
                        field + ".name: volume \"" + vm.getName() + "\" is not declared in the pod");
            String ro = Boolean.TRUE.equals(vm.getReadOnly()) ? "ro" : "rw";
            String sub = vm.getSubPath() == null || vm.getSubPath().isEmpty() ? null : vm.getSubPath();
            if (v.getHostPath() != null) {
                Path src = Path.of(v.getHostPath().getPath());
                if (sub != null) src = src.resolve(sub);
                mount(m, vm.getMountPath(), "bind", src.toString(), List.of("rbind", propagation(vm), ro));
            } else if (v.getEmptyDir() != null
                    && "Memory".equals(v.getEmptyDir().getMedium())
                    && sub == null) {
                List<String> opts = new ArrayList<>(List.of("nosuid", "nodev", "mode=1777", ro));
                if (v.getEmptyDir().getSizeLimit() != null)
                    opts.add("size=" + bytes(v.getEmptyDir().getSizeLimit()).toBigInteger());
                mount(m, vm.getMountPath(), "tmpfs", "tmpfs", opts);
            } else if (v.getEmptyDir() != null
                    || v.getConfigMap() != null
                    || v.getSecret() != null
                    || v.getProjected() != null) {
                boolean managed = v.getEmptyDir() == null;
                Path src = in.volumesDir().resolve(v.getName());
                if (sub != null) src = src.resolve(sub);
                mount(m, vm.getMountPath(), "bind", src.toString(), List.of("rbind", "rprivate", managed ? "ro" : ro));
            } else {
                throw new IllegalArgumentException(field + ": volume \"" + v.getName()
                        + "\" is of a kind the container runtime does not support (hostPath, emptyDir, configMap,"
                        + " secret and projected are)");
            }
        }
        return m;
    }

    /** The kubelet's mountPropagation → the OCI bind option. */
    static String propagation(VolumeMount vm) {
        String p = vm.getMountPropagation();
        if ("HostToContainer".equals(p)) return "rslave";
        if ("Bidirectional".equals(p)) return "rshared";
        return "rprivate";
    }

    /** As containerd: rshared when a mount is Bidirectional, rslave when one is HostToContainer, else unset (private). */
    private static String rootPropagation(Container c) {
        if (c.getVolumeMounts() == null) return null;
        String out = null;
        for (VolumeMount vm : c.getVolumeMounts()) {
            String p = propagation(vm);
            if (p.equals("rshared")) return "rshared";
            if (p.equals("rslave")) out = "rslave";
        }
        return out;
    }

    private static ObjectNode resources(Container c, boolean privileged) {
        ObjectNode r = Json.object();
        ArrayNode devices = r.putArray("devices");
        devices.addObject().put("allow", privileged).put("access", "rwm");
        Map<String, Quantity> requests =
                c.getResources() == null ? null : c.getResources().getRequests();
        Map<String, Quantity> limits =
                c.getResources() == null ? null : c.getResources().getLimits();
        Quantity reqCpu = requests == null ? null : requests.get("cpu");
        Quantity limCpu = limits == null ? null : limits.get("cpu");
        if (reqCpu == null) reqCpu = limCpu; // the API defaults requests to limits; be safe here too
        ObjectNode cpu = r.putObject("cpu");
        long shares = reqCpu == null ? 2 : Math.max(2, millis(reqCpu) * 1024 / 1000);
        cpu.put("shares", shares);
        if (limCpu != null) {
            cpu.put("quota", Math.max(1000, millis(limCpu) * CPU_PERIOD / 1000));
            cpu.put("period", CPU_PERIOD);
        }
        Quantity mem = limits == null ? null : limits.get("memory");
        if (mem != null) r.putObject("memory").put("limit", bytes(mem).longValue());
        return r;
    }

    private static long millis(Quantity q) {
        return bytes(q).multiply(BigDecimal.valueOf(1000))
                .setScale(0, java.math.RoundingMode.CEILING)
                .longValue();
    }

    private static BigDecimal bytes(Quantity q) {
        return Quantity.getAmountInBytes(q);
    }

    private static Volume volume(Pod pod, String name) {
        if (pod.getSpec().getVolumes() == null) return null;
        for (Volume v : pod.getSpec().getVolumes()) if (name.equals(v.getName())) return v;
        return null;
    }

    private static void mount(ArrayNode m, String dest, String type, String source, List<String> options) {
        ObjectNode o = m.addObject();
        o.put("destination", dest);
        o.put("type", type);
        o.put("source", source);
        ArrayNode opts = o.putArray("options");
        options.forEach(opts::add);
    }
}

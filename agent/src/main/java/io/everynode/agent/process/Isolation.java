package io.everynode.agent.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a {@link SecurityContextPlan} into the command line between the {@link Wrapper} and the
 * container's command: util-linux's {@code unshare} for the namespaces, two small {@code sh}
 * programs that set up the container's mounts as root, and {@code setpriv} for the user, groups,
 * capabilities and no_new_privs, which execs the command.
 *
 * <pre>
 * unshare --mount --propagation private [--pid --fork --kill-child] [--ipc]
 *   sh -c INIT  (pid 1 of the container's PID namespace; forwards SIGTERM, exits as the command did)
 *     sh -c PREPARE  (writes its host pid to {@code child}; mounts /proc, /dev/shm, masks, read-only root)
 *       exec setpriv --reuid … --bounding-set … -- COMMAND
 * </pre>
 *
 * The instance directory's {@code isolation} file tells the wrapper and PREPARE what the plan
 * asks for, one word a line: {@code pid} (own PID namespace: the wrapper signals INIT, the child
 * of the process it started), {@code ipc} (own IPC namespace and a private /dev/shm),
 * {@code mask} (the paths of /proc and /sys container runtimes mask or make read-only, i.e.
 * procMount Default) and {@code ro} (every mount read-only but the container's volumes and
 * /proc). Files the runtime and the wrapper write (log, pid, exit) are written outside that mount
 * namespace, or by root before the drop, so they keep working for any user.
 */
final class Isolation {
    /** containerd's masked paths: hidden behind an empty tmpfs (directories) or /dev/null (files). */
    static final List<String> MASKED = List.of(
            "/proc/acpi",
            "/proc/asound",
            "/proc/kcore",
            "/proc/keys",
            "/proc/latency_stats",
            "/proc/timer_list",
            "/proc/timer_stats",
            "/proc/sched_debug",
            "/proc/scsi",
            "/sys/firmware",
            "/sys/devices/virtual/powercap");
    /** containerd's read-only paths. */
    static final List<String> READ_ONLY =
            List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    /** pid 1 of the container: starts PREPARE (and so the command), forwards SIGTERM to it, exits with its status. */
    static final String INIT_SCRIPT = String.join(
            "\n",
            "d=$1; p=$2; shift 2",
            "c=",
            "trap '[ -n \"$c\" ] && kill -TERM \"$c\" 2>/dev/null' TERM",
            // A background job's stdin is /dev/null unless redirected: the stdin FIFO, when there is one.
            "if [ -p \"$d/stdin\" ]; then sh -c \"$p\" everynode-prepare \"$d\" \"$@\" 0<>\"$d/stdin\" &",
            "else sh -c \"$p\" everynode-prepare \"$d\" \"$@\" & fi",
            "c=$!",
            // A SIGTERM that came before the trap was set left this file behind (the wrapper writes it first).
            "[ -e \"$d/term\" ] && kill -TERM \"$c\" 2>/dev/null",
            "while :; do wait \"$c\"; r=$?; kill -0 \"$c\" 2>/dev/null || break; done",
            "exit \"$r\"",
            "");

    /** Root's last steps inside the container's namespaces, then exec of setpriv and the command. */
    static final String PREPARE_SCRIPT = String.join(
            "\n",
            "d=$1; shift",
            "fail() { echo \"everynode: $1\" >&2; exit 128; }",
            "has() { grep -qx \"$1\" \"$d/isolation\"; }",
            // Still the node's /proc: /proc/self names this process by its pid on the node.
            "read -r h _ < /proc/self/stat",
            "echo \"$h\" > \"$d/child.new\" && mv -f \"$d/child.new\" \"$d/child\"",
            "if has pid; then mount -t proc -o nosuid,nodev,noexec proc /proc || fail \"cannot mount /proc\"; fi",
            "if has ipc && [ -d /dev/shm ]; then",
            "  mount -t tmpfs -o nosuid,nodev,noexec,mode=1777,size=65536k shm /dev/shm || fail \"cannot mount /dev/shm\"",
            "fi",
            "if has mask; then",
            "  for m in " + String.join(" ", MASKED) + "; do",
            "    if [ -d \"$m\" ]; then mount -t tmpfs -o ro,nosuid,nodev,noexec tmpfs \"$m\" || fail \"cannot mask $m\";",
            "    elif [ -e \"$m\" ]; then mount --bind /dev/null \"$m\" || fail \"cannot mask $m\"; fi",
            "  done",
            "  for m in " + String.join(" ", READ_ONLY) + "; do",
            "    [ -e \"$m\" ] || continue",
            "    { mount --bind \"$m\" \"$m\" && mount -o remount,bind,ro \"$m\"; } || fail \"cannot make $m read-only\"",
            "  done",
            "fi",
            "if has ro; then",
            "  t=$(printf '\\t')",
            "  volume() { [ -s \"$d/mounts\" ] || return 1; while IFS=$t read -r _ v _; do",
            "    case \"$1\" in \"$v\"|\"$v\"/*) return 0 ;; esac; done < \"$d/mounts\"; return 1; }",
            "  all=$(cat /proc/self/mountinfo)",
            "  while read -r _ _ _ _ m o _; do",
            "    m=$(printf '%b' \"$m\")",
            "    case \"$m\" in /proc|/proc/*) continue ;; esac",
            "    if [ \"$m\" = /dev/shm ] && has ipc; then continue; fi",
            "    case \"$o\" in ro|ro,*) continue ;; esac",
            "    if volume \"$m\"; then continue; fi",
            // A mount hidden under a later one cannot be reached, so it need not (and cannot) be remounted.
            "    mount -o remount,bind,ro \"$m\" 2>/dev/null || ! mountpoint -q \"$m\" || fail \"cannot make $m read-only\"",
            "  done <<EOF",
            "$all",
            "EOF",
            "fi",
            "exec \"$@\"",
            "");

    private Isolation() {}

    /** The lines of the instance's {@code isolation} file; written only when the plan isolates. */
    static List<String> markers(SecurityContextPlan plan) {
        List<String> out = new ArrayList<>();
        if (plan.ownPids()) out.add("pid");
        if (plan.ownIpc()) out.add("ipc");
        if (plan.maskedProc()) out.add("mask");
        if (plan.readOnlyRoot()) out.add("ro");
        return out;
    }

    /** What goes between the wrapper and the command: namespaces, INIT and PREPARE, setpriv. */
    static List<String> containerPrefix(SecurityContextPlan plan, Path instanceDir) {
        if (!plan.isolated()) return setpriv(plan);
        List<String> out = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private"));
        if (plan.ownPids()) out.addAll(List.of("--pid", "--fork", "--kill-child"));
        if (plan.ownIpc()) out.add("--ipc");
        out.addAll(List.of("sh", "-c", INIT_SCRIPT, "everynode-init", instanceDir.toString(), PREPARE_SCRIPT));
        out.addAll(setpriv(plan));
        return out;
    }

    /**
     * What goes in front of an exec's command, run after it joined the container's cgroups:
     * nsenter into the namespaces of the container's command {@code target} (in its working
     * directory there), then setpriv as for the container.
     */
    static List<String> execPrefix(SecurityContextPlan plan, long target, String workingDir) {
        if (!plan.isolated()) return setpriv(plan);
        List<String> out = new ArrayList<>(List.of("nsenter", "-t", Long.toString(target), "-m"));
        if (plan.ownPids()) out.add("-p");
        if (plan.ownIpc()) out.add("-i");
        out.add(workingDir == null || workingDir.isEmpty() ? "--wd" : "--wdns=" + workingDir);
        out.add("--");
        out.addAll(setpriv(plan));
        return out;
    }

    /**
     * What goes in front of an exec's command in an instance that was started {@code isolated}
     * (its command's pid is in the instance's {@code child} file); for an instance an earlier
     * runtime started without isolation, nothing, as then.
     */
    static List<String> forExec(SecurityContextPlan plan, boolean isolated, Path instanceDir, String workingDir) {
        if (isolated) return execPrefix(plan, InstanceFiles.readLong(instanceDir.resolve("child")), workingDir);
        return plan.isolated() ? List.of() : setpriv(plan);
    }

    /** setpriv's arguments for the plan; on a node that does not isolate, only no_new_privs (which needs no privilege). */
    static List<String> setpriv(SecurityContextPlan plan) {
        List<String> out = new ArrayList<>();
        if (!plan.isolated()) {
            if (plan.noNewPrivs()) out.addAll(List.of("setpriv", "--nnp", "--"));
            return out;
        }
        out.addAll(List.of("setpriv", "--reuid=" + plan.uid(), "--regid=" + plan.gid()));
        out.add(
                plan.groups().isEmpty()
                        ? "--clear-groups"
                        : "--groups="
                                + plan.groups().stream().map(String::valueOf).collect(Collectors.joining(",")));
        // Inheritable and ambient sets empty, as runtimes leave them since CVE-2022-24769.
        out.addAll(List.of("--inh-caps=-all", "--ambient-caps=-all"));
        if (plan.capabilities() != null) {
            StringBuilder b = new StringBuilder("--bounding-set=-all");
            for (String c : plan.capabilities()) b.append(",+").append(c.toLowerCase(java.util.Locale.ROOT));
            out.add(b.toString());
        }
        if (plan.noNewPrivs()) out.add("--nnp");
        out.add("--");
        return out;
    }
}

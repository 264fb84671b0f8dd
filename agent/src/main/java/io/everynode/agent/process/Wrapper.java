package io.everynode.agent.process;

import io.everynode.agent.crilog.LogPump;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The small {@code sh} programs between the runtime and a container's command, and the command
 * lines that start them.
 *
 * <p>The container wrapper runs in a session of its own ({@code setsid}: its pid is the session
 * and process group id, so SIGKILL reaches the whole group), writes its pid to {@code pid},
 * joins the container's cgroups (every file named in {@code cgroups}), makes the bind mounts
 * named in {@code mounts} (inside the private mount namespace {@code unshare} gave it), enters
 * the working directory, starts the command in the background (its stdin the FIFO {@code stdin},
 * opened read-write, when the instance has one: see {@code StdinFifo}), forwards SIGTERM to it, waits
 * for it and writes its exit status to {@code exit} (written aside and renamed, so a reader never
 * sees half of it). When the instance has an {@code isolation} file the command line starts with
 * {@link Isolation}'s chain: SIGTERM then goes to its INIT (the child of the {@code unshare} the
 * wrapper started, when the container has a PID namespace of its own, as {@code unshare} blocks
 * SIGTERM), a file {@code term} tells INIT of a SIGTERM that came before it could take one, and
 * PREPARE, not the wrapper, writes the command's pid to {@code child}. Because the exit status lands in a file, an agent that restarts learns how
 * an adopted container ended; a wrapper killed outright leaves no file, and the runtime reads
 * that as 137 (killed). Its stdout and stderr, the container's, are the instance's log FIFOs, held
 * read-write from its first line on (its own failures land there too), and before it ends it waits
 * for a reader to take what is left in them ({@link LogPump}).
 */
final class Wrapper {
    static final String CONTAINER_SCRIPT = String.join(
            "\n",
            "d=$1; w=$2; shift 2",
            LogPump.SUPERVISOR_OPEN,
            "echo $$ > \"$d/pid.new\" && mv -f \"$d/pid.new\" \"$d/pid\"",
            "fail() { echo \"everynode: $1\" >&2; echo 128 > \"$d/exit.new\"; mv -f \"$d/exit.new\" \"$d/exit\"; exit 128; }",
            "if [ -s \"$d/cgroups\" ]; then while read -r f; do echo $$ > \"$f\" || fail \"cannot join cgroup $f\"; done < \"$d/cgroups\"; fi",
            "if [ -s \"$d/mounts\" ]; then",
            "  t=$(printf '\\t')",
            "  while IFS=$t read -r s m o; do",
            "    mount --bind \"$s\" \"$m\" || fail \"cannot mount $s at $m\"",
            "    if [ \"$o\" = ro ]; then mount -o remount,bind,ro \"$m\" || fail \"cannot make $m read-only\"; fi",
            "  done < \"$d/mounts\"",
            "fi",
            "if [ -n \"$w\" ]; then cd \"$w\" || fail \"cannot enter the working directory $w\"; fi",
            "c=; g=",
            "fwd() {",
            "  [ -n \"$c\" ] || return 0",
            "  if [ -e \"$d/isolation\" ] && grep -qx pid \"$d/isolation\"; then",
            "    for i in $(cat \"/proc/$c/task/$c/children\" 2>/dev/null); do kill -TERM \"$i\" 2>/dev/null; done",
            "  else kill -TERM \"$c\" 2>/dev/null; fi",
            "}",
            "trap 'g=1; : > \"$d/term\"; fwd' TERM",
            "if [ -p \"$d/stdin\" ]; then \"$@\" 0<>\"$d/stdin\" & else \"$@\" & fi",
            "c=$!",
            "[ -e \"$d/isolation\" ] || echo \"$c\" > \"$d/child\"",
            "[ -n \"$g\" ] && fwd",
            "while :; do wait \"$c\"; r=$?; kill -0 \"$c\" 2>/dev/null || break; done",
            "echo \"$r\" > \"$d/exit.new\"; mv -f \"$d/exit.new\" \"$d/exit\"",
            LogPump.SUPERVISOR_DRAIN,
            "");

    /**
     * Exec probes and {@code exec}: join the container's cgroups, enter its working directory (when
     * given: with isolation, nsenter enters it inside the container), run the command in place.
     */
    static final String EXEC_SCRIPT = String.join(
            "\n",
            "d=$1; w=$2; shift 2",
            "if [ -s \"$d/cgroups\" ]; then while read -r f; do echo $$ > \"$f\" 2>/dev/null; done < \"$d/cgroups\"; fi",
            "if [ -n \"$w\" ]; then cd \"$w\" || exit 126; fi",
            "exec \"$@\"",
            "");

    private Wrapper() {}

    /** The command line that starts a container: launch prefix, setsid, a private mount namespace when mounting, the wrapper. */
    static List<String> containerCommand(
            List<String> prefix, boolean privateMounts, Path instanceDir, String workingDir, List<String> command) {
        List<String> out = new ArrayList<>(prefix);
        out.add("setsid");
        if (privateMounts) out.addAll(List.of("unshare", "--mount", "--propagation", "private"));
        out.addAll(List.of(
                "sh",
                "-c",
                CONTAINER_SCRIPT,
                "everynode-wrapper",
                instanceDir.toString(),
                workingDir == null ? "" : workingDir));
        out.addAll(command);
        return out;
    }

    /**
     * The command line of an exec in a running container whose wrapper is {@code pid}: into the
     * wrapper's mount namespace when it has one, unless the container is {@code isolated}: then
     * {@code isolation} ({@link Isolation#execPrefix}) enters the container after the cgroups.
     */
    static List<String> execCommand(
            List<String> prefix,
            long pid,
            boolean privateMounts,
            Path instanceDir,
            String workingDir,
            boolean isolated,
            List<String> isolation,
            List<String> command) {
        List<String> out = new ArrayList<>(prefix);
        out.add("setsid");
        if (privateMounts && !isolated) out.addAll(List.of("nsenter", "-t", Long.toString(pid), "-m", "--"));
        out.addAll(List.of(
                "sh",
                "-c",
                EXEC_SCRIPT,
                "everynode-exec",
                instanceDir.toString(),
                workingDir == null || isolated ? "" : workingDir));
        out.addAll(isolation);
        out.addAll(command);
        return out;
    }

    /** Sends {@code signal} to process {@code pid}, or with {@code group} to its whole process group. */
    static void signal(String signal, long pid, boolean group) {
        if (pid <= 0) return;
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, "--", (group ? "-" : "") + pid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.waitFor();
        } catch (IOException e) {
            // no kill(1): nothing better to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

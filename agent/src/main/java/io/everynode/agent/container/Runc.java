package io.everynode.agent.container;

import io.everynode.agent.ContainerRuntime.ExecResult;
import io.everynode.agent.crilog.LogPump;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code runc} command line, always with a {@code --root} of its own (one per node, under the
 * agent's data directory, so the nodes of one {@code up} never see each other's containers).
 * Every call runs runc to completion; none keeps a thread per container.
 */
final class Runc {
    /**
     * The per-instance supervisor: a {@code sh} in a session of its own that writes its pid to
     * {@code wrapper}, runs {@code runc run} in the foreground (runc waits for the container and
     * answers its exit status, 128+n for a signal) and writes that status to {@code exit}
     * (written aside and renamed, so a reader never sees half of it). It outlives the agent, so
     * a restarted agent learns from the file how an adopted container ended. Its stdout and stderr,
     * which runc copies the container's to, are the instance's log FIFOs, held read-write; before
     * it ends it waits for a reader to take what is left in them ({@link LogPump}). An instance
     * with a FIFO {@code stdin} (a container with {@code stdin: true}) gets it, opened read-write,
     * as runc's standard input, which runc passes on to the container (see {@code StdinFifo}).
     */
    static final String WRAPPER = String.join(
            "\n",
            "d=$1; shift",
            LogPump.SUPERVISOR_OPEN,
            "echo $$ > \"$d/wrapper.new\" && mv -f \"$d/wrapper.new\" \"$d/wrapper\"",
            "if [ -p \"$d/stdin\" ]; then \"$@\" 0<>\"$d/stdin\"; else \"$@\"; fi",
            "r=$?",
            "echo $r > \"$d/exit.new\"; mv -f \"$d/exit.new\" \"$d/exit\"",
            LogPump.SUPERVISOR_DRAIN,
            "");

    private final String binary;
    private final Path root;

    Runc(String binary, Path root) {
        this.binary = binary;
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The version runc prints ("1.1.5+ds1"), or "unknown". */
    String version() {
        Result r = run(List.of("--version"), Duration.ofSeconds(10));
        for (String line : r.output().split("\n")) {
            if (line.startsWith("runc version "))
                return line.substring("runc version ".length()).trim();
        }
        return "unknown";
    }

    /**
     * The command line that starts instance {@code id} from {@code bundle} under the wrapper in a
     * session of its own; {@code setsid --fork} returns at once, so the agent waits for no child.
     * With {@code terminal}, runc runs under a terminal of its own ({@link io.everynode.agent.TerminalExec}).
     */
    List<String> runCommand(Path bundle, String id, boolean terminal) {
        List<String> out = new ArrayList<>(List.of("setsid", "--fork", "sh", "-c", WRAPPER, "everynode-runc"));
        out.add(bundle.toString());
        List<String> run = new ArrayList<>(List.of(
                binary,
                "--root",
                root.toString(),
                "run",
                "--bundle",
                bundle.toString(),
                "--pid-file",
                bundle.resolve("init.pid").toString(),
                id));
        // With a terminal (config.json's process.terminal), runc relays the container's console to
        // its own, which must be a terminal: script makes one, fed from the wrapper's stdin.
        out.addAll(terminal ? io.everynode.agent.TerminalExec.wrap(run) : run);
        return out;
    }

    /** The IDs of the containers under this root. */
    List<String> list() {
        Result r = run(List.of("list", "-q"), Duration.ofSeconds(10));
        if (r.exitCode() != 0) return List.of();
        return r.output().lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Sends {@code signal} (e.g. TERM) to the container's init, or with {@code all} to every process in it. */
    boolean kill(String id, String signal, boolean all) {
        List<String> args = new ArrayList<>(List.of("kill"));
        if (all) args.add("--all");
        args.addAll(List.of(id, signal));
        return run(args, Duration.ofSeconds(10)).exitCode() == 0;
    }

    /** Deletes the container, killing what still runs of it. */
    void delete(String id) {
        run(List.of("delete", "--force", id), Duration.ofSeconds(20));
    }

    /**
     * {@code runc exec}: the command with the container's process spec (env, cwd, user,
     * capabilities). At {@code timeout} the command itself is killed (by the pid runc wrote),
     * not only runc, so nothing of a timed-out probe lingers in the container.
     */
    ExecResult exec(String id, List<String> command, Duration timeout) {
        Path pidFile;
        try {
            pidFile = java.nio.file.Files.createTempFile("everynode-exec", ".pid");
            java.nio.file.Files.delete(pidFile);
        } catch (IOException e) {
            return new ExecResult(126, "cannot run an exec: " + e.getMessage(), false);
        }
        List<String> args = new ArrayList<>(List.of("exec", "--pid-file", pidFile.toString(), id));
        args.addAll(command);
        try {
            Result r = run(args, timeout, () -> killPid(pidFile));
            return new ExecResult(r.timedOut() ? 137 : r.exitCode(), r.output(), r.timedOut());
        } finally {
            pidFile.toFile().delete();
        }
    }

    /**
     * Starts {@code runc exec} of {@code command} in container {@code id}, its standard streams
     * the returned process's (runc passes them through to the command); with {@code tty}, under a
     * terminal ({@link io.everynode.agent.TerminalExec}) that {@code runc exec --tty} relays.
     *
     * @throws IllegalStateException when runc cannot be started
     */
    Process startExec(String id, List<String> command, boolean tty) {
        List<String> argv = new ArrayList<>(List.of(binary, "--root", root.toString(), "exec"));
        if (tty) argv.add("--tty"); // runc makes the container's terminal and relays it to its own
        argv.add(id);
        argv.addAll(command);
        try {
            return new ProcessBuilder(tty ? io.everynode.agent.TerminalExec.wrap(argv) : argv).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run runc exec: " + e.getMessage(), e);
        }
    }

    private static void killPid(Path pidFile) {
        try {
            long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | RuntimeException e) {
            // runc had not started it yet: killing runc is all there is to do
        }
    }

    record Result(int exitCode, String output, boolean timedOut) {}

    private Result run(List<String> args, Duration timeout) {
        return run(args, timeout, () -> {});
    }

    /** Runs runc with {@code args}; at {@code timeout} calls {@code onTimeout}, then kills runc. */
    private Result run(List<String> args, Duration timeout, Runnable onTimeout) {
        List<String> argv = new ArrayList<>(List.of(binary, "--root", root.toString()));
        argv.addAll(args);
        Path out = null;
        try {
            out = java.nio.file.Files.createTempFile("everynode-runc", ".out");
            Process p = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(new File("/dev/null"))
                    .start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                onTimeout.run();
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            String text = java.nio.file.Files.readString(out);
            return done ? new Result(p.exitValue(), text, false) : new Result(137, text, true);
        } catch (IOException e) {
            return new Result(127, "cannot run " + binary + ": " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted", false);
        } finally {
            if (out != null) out.toFile().delete();
        }
    }
}

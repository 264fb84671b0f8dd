package io.everynode.agent.process;

import io.everynode.agent.crilog.LogPump;
import io.fabric8.kubernetes.api.model.Container;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a container's next instance: finds its image's entrypoint, plans its securityContext,
 * prepares its volumes and environment, then starts its {@link Wrapper} in a session of its own
 * with the instance's cgroups, mounts and isolation, and waits for the wrapper's pid file. What is
 * not there yet (an image, a volume) leaves the container waiting for its {@link StartRetry};
 * what cannot run ends it at once in StartError, exit 128, as the kubelet does.
 */
final class Launcher {
    /** How long a wrapper may take to write its pid file before the start counts as failed. */
    static final Duration PID_WAIT = Duration.ofSeconds(10);

    private final ProcessRuntime.Config config;
    private final ImageDirectory images;
    private final Cgroups cgroups;
    private final SecurityContextPlan.Host host;
    private final boolean canMount;
    private final ClockWait wait;

    Launcher(
            ProcessRuntime.Config config,
            ImageDirectory images,
            Cgroups cgroups,
            SecurityContextPlan.Host host,
            boolean canMount,
            ClockWait wait) {
        this.config = config;
        this.images = images;
        this.cgroups = cgroups;
        this.host = host;
        this.canMount = canMount;
        this.wait = wait;
    }

    /** One try at starting the slot's next instance; on a missing image or volume the slot waits and is tried again later. */
    void attempt(PodEntry e, ContainerSlot s) {
        Container c = s.spec;
        Instant now = wait.now();
        s.image = c.getImage();
        String entrypoint = null;
        if (c.getCommand() == null || c.getCommand().isEmpty()) {
            Optional<Path> ep = images.resolve(c.getImage());
            if (ep.isEmpty()) {
                s.waitToRetry(
                        s.retry.firstTry() ? "ErrImagePull" : "ImagePullBackOff",
                        "image \"" + c.getImage() + "\" not found in the node's image directory " + config.imagesDir(),
                        now);
                return;
            }
            entrypoint = ep.get().toString();
            s.imageID = ImageDirectory.imageID(c.getImage(), ep.get());
        } else {
            s.imageID = "";
        }
        SecurityContextPlan plan;
        try {
            plan = SecurityContextPlan.of(e.pod, c, host);
        } catch (SecurityContextPlan.Refusal r) {
            s.waitToRetry("CreateContainerConfigError", r.getMessage(), now);
            return;
        }
        Path podDir = InstanceFiles.podDir(config.rootDir(), e.uid);
        List<Volumes.Mount> mounts;
        try {
            mounts = Volumes.prepare(e.pod, c, podDir, canMount, plan);
        } catch (Volumes.Failure f) {
            s.waitToRetry("ContainerCreating", f.getMessage(), now);
            return;
        }
        Map<String, String> env =
                ContainerEnv.of(e.pod, c, config.nodeName(), config.nodeIP(), config.nodeIP(), s.sourced);
        List<String> command = ContainerEnv.commandLine(c, entrypoint, env);
        String missing = missingExecutable(command.get(0), env.get("PATH"));
        if (missing == null
                && plan.isolated()
                && plan.uid() != 0
                && command.get(0).contains("/")) {
            missing = UserAccess.cannotExecute(Path.of(command.get(0)), plan.uid(), plan.gid(), plan.groups());
        }
        s.instance =
                Math.max(s.instance, InstanceFiles.latest(InstanceFiles.containerDir(config.rootDir(), e.uid, s.name)))
                        + 1;
        s.id = ProcessRuntime.NAME + "://" + InstanceFiles.containerId(e.uid, s.name, s.instance, now);
        s.retry.started();
        s.message = null;
        if (missing != null) {
            s.failToStart(128, "StartError", missing, now);
            return;
        }
        try {
            launch(e.uid, s, plan, mounts, command, env, now);
        } catch (IOException ex) {
            s.failToStart(128, "StartError", "cannot start the container: " + ex.getMessage(), now);
        }
    }

    private void launch(
            String uid,
            ContainerSlot s,
            SecurityContextPlan plan,
            List<Volumes.Mount> mounts,
            List<String> command,
            Map<String, String> env,
            Instant now)
            throws IOException {
        s.closePump(); // the previous instance's, should it still read
        Path dir = s.dir(config.rootDir(), uid);
        ImageDirectory.deleteTree(dir);
        Files.createDirectories(dir);
        if (io.everynode.agent.StdinFifo.wanted(s.spec)) io.everynode.agent.StdinFifo.make(dir);
        List<Path> procs = cgroups.prepare(
                uid, s.name, Cgroups.limit(s.spec, "memory", false), Cgroups.limit(s.spec, "cpu", true), 0);
        if (!procs.isEmpty())
            Files.write(
                    dir.resolve("cgroups"), procs.stream().map(Path::toString).toList());
        if (!mounts.isEmpty()) {
            Files.write(
                    dir.resolve("mounts"),
                    mounts.stream()
                            .map(m -> m.source() + "\t" + m.target() + "\t" + (m.readOnly() ? "ro" : "rw"))
                            .toList());
        }
        long oomBase = cgroups.oomKills(uid, s.name);
        boolean mounted = !mounts.isEmpty();
        if (plan.isolated()) Files.write(dir.resolve("isolation"), Isolation.markers(plan));
        Path log = InstanceFiles.log(config.rootDir(), uid, s.name, s.instance);
        LogPump.makePipes(dir);
        List<String> chain = new ArrayList<>(Isolation.containerPrefix(plan, dir));
        chain.addAll(
                io.everynode.agent.StdinFifo.terminal(s.spec)
                        ? io.everynode.agent.TerminalExec.wrap(command)
                        : command);
        List<String> argv =
                Wrapper.containerCommand(config.launchPrefix(), mounted, dir, s.spec.getWorkingDir(), chain);
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectErrorStream(true) // what the prefix says before the wrapper holds the log pipes
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("launch.out").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        long pid = awaitPid(dir.resolve("pid"), p);
        if (pid > 0 && plan.isolated())
            awaitPid(dir.resolve("child"), p); // the command's pid, from PREPARE: it is about to exec
        if (pid <= 0) {
            int code = p.isAlive() ? 128 : p.exitValue();
            p.destroyForcibly();
            s.failToStart(
                    code == 0 ? 128 : code,
                    "StartError",
                    "the container's wrapper did not start (see " + dir.resolve("launch.out") + ")",
                    now);
            return;
        }
        // The wrapper holds the pipes: the pump reads from now on, the wrapper's own failures too.
        s.pump = LogPump.start(dir, log, wait.clock(), s.id);
        InstanceState st = new InstanceState(
                s.id, s.image, s.imageID, now, pid, ProcFs.startTicks(pid), oomBase, mounted, plan.isolated());
        s.run(st);
        st.write(dir);
        // Keep the current and the previous instance only.
        if (s.instance > 2) {
            ImageDirectory.deleteTree(InstanceFiles.instanceDir(config.rootDir(), uid, s.name, s.instance - 2));
            Files.deleteIfExists(InstanceFiles.log(config.rootDir(), uid, s.name, s.instance - 2));
        }
    }

    /**
     * A pid from its file, e.g. the wrapper's (it may run behind a launch prefix that forks); -1
     * if the wrapper died first or wrote none within {@link #PID_WAIT}. Waits on the wrapper's
     * process handle, so a wrapper that dies ends the wait at once.
     */
    private long awaitPid(Path file, Process p) {
        long[] pid = {-1};
        wait.until(
                wait.now().plus(PID_WAIT),
                () -> {
                    pid[0] = InstanceFiles.readLong(file);
                    if (pid[0] > 0) return true;
                    if (p.isAlive()) return false;
                    pid[0] = InstanceFiles.readLong(file); // written just before the wrapper ended
                    return true;
                },
                () -> List.of(p.onExit()));
        return pid[0] > 0 ? pid[0] : -1;
    }

    /** The kubelet's StartError message when the command is neither a path nor found on PATH; null when it can run. */
    static String missingExecutable(String cmd, String path) {
        if (cmd.contains("/")) {
            Path p = Path.of(cmd);
            return Files.isExecutable(p) && !Files.isDirectory(p)
                    ? null
                    : "exec: \"" + cmd + "\": stat " + cmd + ": no such file or directory";
        }
        if (path != null) {
            for (String d : path.split(":")) {
                if (d.isEmpty()) continue;
                Path p = Path.of(d, cmd);
                if (Files.isExecutable(p) && !Files.isDirectory(p)) return null;
            }
        }
        return "exec: \"" + cmd + "\": executable file not found in $PATH";
    }
}

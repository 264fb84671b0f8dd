package io.everynode.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl v1.35.2 (installed by {@code scripts/install-test-tools.sh} into
 * {@code .tools/} at the repository root, found through the {@code everynode.root} system
 * property the build sets) with a kubeconfig of its own and an empty discovery cache.
 */
public final class Kubectl {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private final Path binary;
    private final Path kubeconfig;
    private final Path workDir;
    private final Path cacheDir;

    private Kubectl(Path kubeconfig, Path workDir) throws IOException {
        this.binary = binary();
        Files.createDirectories(workDir);
        this.kubeconfig = kubeconfig;
        this.workDir = workDir;
        this.cacheDir = workDir.resolve("kube-cache");
    }

    /** A kubectl for the server at {@code serverUrl}; its kubeconfig and cache live in {@code workDir}. */
    public static Kubectl forServer(String serverUrl, Path workDir) throws IOException {
        return new Kubectl(Kubeconfig.write(workDir.resolve("kubeconfig"), serverUrl), workDir);
    }

    /** A kubectl using a kubeconfig that exists already (the one {@code everynode up} wrote, say). */
    public static Kubectl forKubeconfig(Path kubeconfig, Path workDir) throws IOException {
        return new Kubectl(kubeconfig, workDir);
    }

    /** Where kubectl is; an {@link IllegalStateException} saying how to install it when it is not there. */
    public static Path binary() {
        String root = System.getProperty("everynode.root", System.getProperty("user.dir") + "/..");
        Path b = Path.of(root, ".tools", "kubectl");
        if (!Files.isExecutable(b)) {
            throw new IllegalStateException(
                    "kubectl not found at " + b + ": run scripts/install-test-tools.sh (the test command does)");
        }
        return b;
    }

    /** What a finished kubectl printed. */
    public record Result(int exitCode, String out, String err) {
        /** This result when kubectl exited 0; else an AssertionError showing both streams. */
        public Result assertOk() {
            if (exitCode != 0)
                throw new AssertionError("kubectl failed (" + exitCode + "):\nstdout: " + out + "\nstderr: " + err);
            return this;
        }
    }

    public Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs kubectl and answers its stdout, failing the test on a non-zero exit. */
    public String ok(String... args) {
        return run(args).assertOk().out();
    }

    /** {@code kubectl apply -f -} with {@code yaml} on stdin; answers its stdout, failing the test on a non-zero exit. */
    public String apply(String yaml) {
        return runWithInput(yaml, "apply", "-f", "-").assertOk().out();
    }

    /** Runs kubectl with {@code stdin} fed to it (for {@code -f -}). */
    public Result runWithInput(String stdin, String... args) {
        return exec(stdin, start(args), String.join(" ", args));
    }

    /** Runs a shell command line (bash) with {@code kubectl} on its PATH and KUBECONFIG set, as a user types it. */
    public Result shell(String commandLine) {
        List<String> cmd = List.of("bash", "-c", commandLine);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("PATH", binary.getParent() + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("KUBECACHEDIR", cacheDir.toString());
        try {
            return exec(null, pb.start(), commandLine);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Starts kubectl without waiting (for {@code get --watch}, {@code logs -f}); the caller reads and destroys it. */
    public Process start(String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        pb.environment().remove("KUBECONFIG");
        try {
            return pb.start();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Starts kubectl in the background with its output going to files, for a command that waits
     * (such as {@code rollout status}) while the test moves the cluster along.
     */
    public Background background(String... args) {
        try {
            Path out = Files.createTempFile(workDir, "kubectl", ".out");
            Path err = Files.createTempFile(workDir, "kubectl", ".err");
            ProcessBuilder pb = new ProcessBuilder(command(args));
            pb.environment().remove("KUBECONFIG");
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            return new Background(p, out, err, String.join(" ", args));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A kubectl running in the background; what it prints can be read while it runs. */
    public static final class Background {
        private final Process process;
        private final Path out;
        private final Path err;
        private final String what;

        private Background(Process process, Path out, Path err, String what) {
            this.process = process;
            this.out = out;
            this.err = err;
            this.what = what;
        }

        public boolean finished() {
            return !process.isAlive();
        }

        /** What it has printed to stdout so far. */
        public String outputSoFar() {
            return read(out);
        }

        /** Waits for the exit (failing the test after the time limit) and answers what it printed. */
        public Result await() {
            try {
                if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(
                            "`" + what + "` did not finish in " + LIMIT.toSeconds() + " s; so far:\n" + read(out));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Result(process.exitValue(), read(out), read(err));
        }

        public void kill() {
            process.destroyForcibly();
        }

        /** The process id, to signal it (e.g. SIGINT, as Ctrl-C would). */
        public long pid() {
            return process.pid();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("--kubeconfig=" + kubeconfig);
        cmd.add("--cache-dir=" + cacheDir);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Result exec(String stdin, Process p, String what) {
        try {
            if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[][] outs = new byte[2][];
            // Both streams are read on threads of their own, so the time limit holds even when
            // kubectl hangs with its output open.
            Thread o = new Thread(() -> outs[0] = readAll(p.getInputStream()));
            Thread e = new Thread(() -> outs[1] = readAll(p.getErrorStream()));
            o.start();
            e.start();
            if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                o.join(5000);
                throw new AssertionError("`" + what + "` did not finish in " + LIMIT.toSeconds() + " s; it printed: "
                        + (outs[0] == null ? "" : new String(outs[0], StandardCharsets.UTF_8)));
            }
            o.join();
            e.join();
            return new Result(
                    p.exitValue(),
                    new String(outs[0], StandardCharsets.UTF_8),
                    new String(outs[1], StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new AssertionError(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}

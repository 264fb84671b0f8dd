package io.everynode.apiserver.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl v1.35.2 (installed by {@code scripts/install-test-tools.sh} into
 * {@code .tools/}) against a server, with its own kubeconfig and an empty discovery cache.
 */
public final class Kubectl {
    private final Path binary;
    private final Path kubeconfig;
    private final Path cacheDir;

    public Kubectl(String serverUrl, Path workDir) throws IOException {
        String root = System.getProperty("everynode.root", System.getProperty("user.dir") + "/..");
        this.binary = Path.of(root, ".tools", "kubectl");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("kubectl not found at " + binary + ": run scripts/install-test-tools.sh (the test command does)");
        }
        Files.createDirectories(workDir);
        this.kubeconfig = workDir.resolve("kubeconfig");
        this.cacheDir = workDir.resolve("kube-cache");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    server: %s
                  name: everynode
                contexts:
                - context:
                    cluster: everynode
                    user: everynode
                  name: everynode
                current-context: everynode
                users:
                - name: everynode
                  user: {}
                """.formatted(serverUrl));
    }

    /** What a finished kubectl printed. */
    public record Result(int exitCode, String out, String err) {
        public Result assertOk() {
            if (exitCode != 0) throw new AssertionError("kubectl failed (" + exitCode + "):\nstdout: " + out + "\nstderr: " + err);
            return this;
        }
    }

    public Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs kubectl with {@code stdin} fed to it (for {@code -f -}). */
    public Result runWithInput(String stdin, String... args) {
        try {
            Process p = start(args);
            if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[][] outs = new byte[2][];
            // Both streams are read on their own threads so that the time limit holds even when
            // kubectl hangs with its output open.
            Thread t = new Thread(() -> outs[1] = readAll(p.getErrorStream()));
            Thread o = new Thread(() -> outs[0] = readAll(p.getInputStream()));
            t.start();
            o.start();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                o.join(5000);
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 90 s; it printed: " + outs[0]);
            }
            t.join();
            o.join();
            return new Result(p.exitValue(), new String(outs[0], StandardCharsets.UTF_8), new String(outs[1], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts kubectl without waiting (for {@code get --watch}); the caller reads and destroys it. */
    public Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("--kubeconfig=" + kubeconfig);
        cmd.add("--cache-dir=" + cacheDir);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("KUBECONFIG");
        return pb.start();
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}

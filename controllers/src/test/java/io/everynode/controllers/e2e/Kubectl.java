package io.everynode.controllers.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl v1.35 from {@code .tools/} (scripts/install-test-tools.sh), with its own
 * kubeconfig and discovery cache; runs in the foreground or in the background (for commands
 * that wait, such as {@code rollout status}, while the test plays the kubelet).
 */
final class Kubectl {
    private final Path binary;
    private final Path kubeconfig;
    private final Path workDir;

    record Result(int exitCode, String out, String err) {
        Result assertOk() {
            if (exitCode != 0) throw new AssertionError("kubectl failed (" + exitCode + "):\nstdout: " + out + "\nstderr: " + err);
            return this;
        }
    }

    /** A kubectl process running in the background, its output going to files. */
    final class Background {
        private final Process process;
        private final Path out;
        private final Path err;

        private Background(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        boolean finished() {
            return !process.isAlive();
        }

        /** What it has printed to stdout so far. */
        String outputSoFar() throws IOException {
            return Files.readString(out);
        }

        /** Waits up to two minutes for the exit and returns what it printed. */
        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("background kubectl did not finish in 120 s; so far:\n" + Files.readString(out));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        }

        void kill() {
            process.destroyForcibly();
        }
    }

    Kubectl(String serverUrl, Path workDir) throws IOException {
        String root = System.getProperty("everynode.root", System.getProperty("user.dir") + "/..");
        binary = Path.of(root, ".tools", "kubectl");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("kubectl not found at " + binary + ": run scripts/install-test-tools.sh");
        }
        this.workDir = workDir;
        kubeconfig = workDir.resolve("kubeconfig");
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

    Result run(String stdin, String... args) throws IOException, InterruptedException {
        Background b = start(stdin, args);
        return b.await();
    }

    Result ok(String... args) throws IOException, InterruptedException {
        return run(null, args).assertOk();
    }

    Result apply(String yaml) throws IOException, InterruptedException {
        return run(yaml, "apply", "-f", "-").assertOk();
    }

    Background start(String stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--kubeconfig=" + kubeconfig,
                "--cache-dir=" + workDir.resolve("kube-cache")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("KUBECONFIG");
        Path out = Files.createTempFile(workDir, "kubectl", ".out");
        Path err = Files.createTempFile(workDir, "kubectl", ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        return new Background(p, out, err);
    }
}

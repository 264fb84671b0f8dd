package io.everynode.controllers.manager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A minimal copy of the apiserver tests' kubectl runner (test classes do not cross modules):
 * the real kubectl v1.35 from {@code .tools/} (scripts/install-test-tools.sh), with its own
 * kubeconfig and an empty discovery cache.
 */
final class Kubectl {
    private final Path binary;
    private final Path kubeconfig;
    private final Path cacheDir;

    record Result(int exitCode, String out, String err) {
        Result assertOk() {
            if (exitCode != 0) throw new AssertionError("kubectl failed (" + exitCode + "):\nstdout: " + out + "\nstderr: " + err);
            return this;
        }
    }

    Kubectl(String serverUrl, Path workDir) throws IOException {
        String root = System.getProperty("everynode.root", System.getProperty("user.dir") + "/..");
        binary = Path.of(root, ".tools", "kubectl");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("kubectl not found at " + binary + ": run scripts/install-test-tools.sh");
        }
        kubeconfig = workDir.resolve("kubeconfig");
        cacheDir = workDir.resolve("kube-cache");
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
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--kubeconfig=" + kubeconfig, "--cache-dir=" + cacheDir));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("KUBECONFIG");
        Path err = Files.createTempFile(cacheDir.getParent(), "kubectl", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), out, Files.readString(err));
    }
}

package io.everynode.agent.process;

import io.everynode.agent.ContainerRuntime.ExecResult;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an exec (a probe's command, {@code kubectl exec}) that {@link Wrapper#execCommand} built:
 * output to a file in the instance's directory, killed with its process group after the timeout.
 * The wait is on the exec's process handle; a real wall wait is what a timeout means.
 */
final class ExecRunner {
    private final Path workDir;

    /** @param workDir where execs start before the wrapper enters the container's own directory */
    ExecRunner(Path workDir) {
        this.workDir = workDir;
    }

    ExecResult run(
            List<String> argv, Map<String, String> env, Path instanceDir, List<String> command, Duration timeout) {
        Path out = instanceDir.resolve("exec-" + Long.toHexString(Double.doubleToLongBits(Math.random())) + ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean done = p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            if (!done) {
                Wrapper.signal("KILL", p.pid(), true);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
            String text = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
            return done ? new ExecResult(p.exitValue(), text, false) : new ExecResult(137, text, true);
        } catch (IOException ex) {
            return new ExecResult(126, "cannot run " + command + ": " + ex.getMessage(), false);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new ExecResult(130, "interrupted", false);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // the pod's directory goes with the pod
            }
        }
    }
}

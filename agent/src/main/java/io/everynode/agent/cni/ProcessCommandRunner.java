package io.everynode.agent.cni;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * {@link CommandRunner} through {@link ProcessBuilder}. Standard error is read on a thread of its
 * own so a chatty plugin cannot block on a full pipe. The time limit only guards against a
 * wedged kernel call (plugins answer in milliseconds to seconds).
 */
final class ProcessCommandRunner implements CommandRunner {
    private static final long TIMEOUT_SECONDS = 120;

    @Override
    public Result run(List<String> command, Map<String, String> env, byte[] stdin) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            FutureTask<String> err = new FutureTask<>(() -> readAll(p.getErrorStream()));
            Thread reader = new Thread(err, "cni-stderr-" + p.pid());
            reader.setDaemon(true);
            reader.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the program exited without reading its input; its exit code tells the rest
            }
            String out = readAll(p.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, out, "timed out after " + TIMEOUT_SECONDS + "s: " + String.join(" ", command));
            }
            return new Result(p.exitValue(), out, err.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the output of " + String.join(" ", command), e.getCause());
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

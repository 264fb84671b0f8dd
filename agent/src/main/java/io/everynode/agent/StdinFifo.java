package io.everynode.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standard input of a container with {@code stdin: true}: a FIFO named {@code stdin} in its
 * instance directory, which the container's supervisor opens read-write for the container
 * ({@code 0<>"$d/stdin"} in sh). Read-write, so the container never sees end of input when an
 * attach goes away, the supervisor never blocks opening it, and writers (one attach after
 * another, or an agent that restarted) can open it at any time.
 */
public final class StdinFifo {
    public static final String NAME = "stdin";

    private StdinFifo() {}

    /** Makes {@code dir/stdin} (mode 0600). */
    public static Path make(Path dir) throws IOException {
        Path fifo = dir.resolve(NAME);
        Process p = new ProcessBuilder(List.of("mkfifo", "-m", "600", fifo.toString()))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new IOException("cannot make the stdin FIFO " + fifo + ": " + out.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted making " + fifo, e);
        }
        return fifo;
    }

    /** Whether {@code container} gets a stdin FIFO: it has {@code stdin: true}. */
    public static boolean wanted(io.fabric8.kubernetes.api.model.Container container) {
        return Boolean.TRUE.equals(container.getStdin());
    }

    /** Whether {@code container} runs under a terminal: {@code tty: true} with {@code stdin: true}. */
    public static boolean terminal(io.fabric8.kubernetes.api.model.Container container) {
        return wanted(container) && Boolean.TRUE.equals(container.getTty());
    }
}

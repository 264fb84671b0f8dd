package io.everynode.agent.logs;

import io.everynode.agent.AgentJar;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@link LogRelay}: this JVM's {@code java} on this module's classes, started behind a
 * command prefix (a namespace's {@code nsenter --net=… --}). {@link #start} returns once the relay
 * listens; {@link #close()} ends it and waits for it to be gone, so the port is free again.
 *
 * <p>The relay's standard input stays open for as long as this object lives: if the agent's JVM
 * dies, the pipe closes and the relay exits on its own. What it prints after its ready line
 * (connection failures) goes to this class's log.
 */
public final class RelayProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayProcess.class);
    private static final String READY = "listening on ";
    private final Process process;
    private final int port;

    private RelayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a relay listening on {@code listenIp:listenPort} (port 0: any) that forwards to
     * {@code targetIp:targetPort}, behind {@code prefix}; waits at most {@code ready} for it to
     * listen.
     *
     * @throws IllegalStateException when it cannot be started or does not listen in time, with
     *     what it printed
     */
    public static RelayProcess start(
            List<String> prefix, String listenIp, int listenPort, String targetIp, int targetPort, Duration ready) {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // A small JVM: a relay copies bytes for a few connections at a time.
        command.addAll(List.of(
                "-Xms4m",
                "-Xmx24m",
                "-Xss256k",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-cp",
                AgentJar.classPath(),
                LogRelay.class.getName(),
                listenIp,
                Integer.toString(listenPort),
                targetIp,
                Integer.toString(targetPort)));
        String what = "the log relay on " + listenIp + ":" + listenPort;
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + what + ": " + e.getMessage(), e);
        }
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        List<String> said = new ArrayList<>();
        Thread reader = new Thread(() -> read(p, listening, said, what), "log-relay-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new RelayProcess(p, listening.get(ready.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            stop(p);
            String output;
            synchronized (said) {
                output = String.join("; ", said);
            }
            throw new IllegalStateException(
                    "cannot start " + what + (e instanceof TimeoutException ? ": not listening after " + ready : "")
                            + (output.isEmpty() ? "" : ": " + output),
                    e);
        } catch (InterruptedException e) {
            stop(p);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + what, e);
        }
    }

    /** Reads the relay's output: the ready line completes {@code listening}; other lines are kept (before it) or logged (after). */
    private static void read(Process p, CompletableFuture<Integer> listening, List<String> said, String what) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!listening.isDone() && line.startsWith(READY)) {
                    listening.complete(Integer.parseInt(
                            line.substring(line.lastIndexOf(':') + 1).trim()));
                } else if (!listening.isDone()) {
                    synchronized (said) {
                        said.add(line);
                    }
                } else {
                    LOG.warn("{}: {}", what, line);
                }
            }
        } catch (IOException | RuntimeException e) {
            listening.completeExceptionally(e);
        }
        listening.completeExceptionally(new IOException("it exited"));
    }

    /** The port the relay listens on. */
    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the relay and waits for it to be gone; idempotent. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // it is being stopped anyway
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

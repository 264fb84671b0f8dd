package io.everynode.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code everynode server} in a child JVM (same java, same classpath, a free loopback port, a
 * temporary data directory, plain HTTP without authentication for the benchmark's raw-socket
 * clients: the hidden {@code --insecure-loopback-http}), so that a benchmark can read the server's own threads and memory
 * from {@code /proc/PID/status} without counting its clients.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://[^ ]+)");

    private final Process process;
    private final String url;

    private ServerProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the server and waits (bounded) until it says where it listens. */
    public static ServerProcess start(Path dataDir, List<String> serverFlags, Duration startTimeout)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "io.everynode.cli.Main",
                "server",
                "--port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--insecure-loopback-http"));
        cmd.addAll(serverFlags);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        CompletableFuture<String> address = new CompletableFuture<>();
        Path log = dataDir.resolve("server.log");
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                            var out = Files.newBufferedWriter(log)) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            Matcher m = LISTENING.matcher(line);
                            if (m.find()) address.complete(m.group(1));
                            out.write(line);
                            out.newLine();
                            out.flush();
                        }
                    } catch (IOException e) {
                        address.completeExceptionally(e);
                    }
                    address.completeExceptionally(new IOException("the server exited; its output is in " + log));
                },
                "server-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ServerProcess(p, address.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("the server did not start: " + e.getMessage() + " (output in " + log + ")", e);
        }
    }

    public String url() {
        return url;
    }

    /** The server's threads and resident memory now, from /proc. */
    public Usage usage() throws IOException {
        long threads = -1;
        long rssKb = -1;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("Threads:"))
                threads = Long.parseLong(line.substring(8).strip());
            if (line.startsWith("VmRSS:"))
                rssKb = Long.parseLong(line.substring(6).replace("kB", "").strip());
        }
        return new Usage(threads, rssKb / 1024);
    }

    /** Threads and resident set size (MiB) of the server process. */
    public record Usage(long threads, long rssMiB) {
        @Override
        public String toString() {
            return threads + " threads, RSS " + rssMiB + " MiB";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS))
                process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            // Interrupted while waiting: kill it without waiting and leave the flag for the caller.
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

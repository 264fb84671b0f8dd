package io.everynode.testkit.etcd;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One etcd member process: started with the cluster, then stopped (SIGTERM), killed (SIGKILL),
 * paused (SIGSTOP), resumed or restarted on the same data directory by fault tests. Its output goes
 * to {@code etcd.log} in its directory.
 *
 * <p>A member dies with the JVM that started it, however that JVM ends (kill -9 of a test fork, a
 * fork killed for hanging): etcd is started through {@link #DIES_WITH_STDIN}, so the {@link Process}
 * is etcd itself (signals, {@code pid()} and exit as before) and a small shell watcher beside it
 * holds the stdin pipe from this JVM and kills etcd when the pipe closes.
 */
public final class EtcdMember {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * {@code sh -c} script run as {@code sh -c SCRIPT sh etcd ARGS…}: keeps the stdin pipe on fd 3
     * for a background watcher (dash gives background jobs /dev/null as stdin, hence the copy), then
     * execs etcd in the shell's place with stdin from /dev/null. The watcher reads until the pipe
     * closes and then sends SIGKILL to {@code $$}, which is etcd's pid after the exec. When etcd
     * ends first, {@link #end} closes the pipe only after etcd is gone, and the watcher's kill
     * finds no process (Linux hands out pids in sequence, so it is not reused that soon).
     */
    static final String DIES_WITH_STDIN = "exec 3<&0; { while read -r _ <&3; do :; done; kill -KILL $$; } 2>/dev/null &"
            + " exec 3<&- \"$@\" </dev/null";

    private final Path binary;
    private final String name;
    private final Path dir;
    private final int clientPort;
    private final int peerPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String initialCluster;
    private String token;
    private Process process;

    EtcdMember(Path binary, String name, Path dir, int clientPort, int peerPort) {
        this.binary = binary;
        this.name = name;
        this.dir = dir;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
    }

    public String name() {
        return name;
    }

    public URI clientUrl() {
        return URI.create("http://127.0.0.1:" + clientPort);
    }

    public long pid() {
        return process.pid();
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    String peerEntry() {
        return name + "=http://127.0.0.1:" + peerPort;
    }

    void boot(String initialCluster, String token) throws IOException {
        this.initialCluster = initialCluster;
        this.token = token;
        launch("new");
    }

    /** Starts the member again on its data directory, after {@link #stop} or {@link #kill}. */
    public void restart() throws IOException {
        if (running()) {
            throw new IllegalStateException(name + " is running");
        }
        launch("existing");
    }

    /** SIGTERM, and waits for the process to end. */
    public void stop() {
        end(false);
    }

    /** SIGKILL (kill -9), and waits for the process to end. */
    public void kill() {
        end(true);
    }

    /** SIGSTOP: the process stays but answers nothing, like a hung machine. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    /** Whether the member answers {@code /health} with a healthy cluster behind it. */
    boolean healthy() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(clientUrl().resolve("/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether this member is the raft leader now, by its own maintenance status (etcd's JSON
     * gateway, {@code /v3/maintenance/status}: its {@code header.member_id} equals {@code leader}).
     * False when it does not answer.
     */
    boolean leading() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(clientUrl().resolve("/v3/maintenance/status"))
                            .timeout(Duration.ofSeconds(2))
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) return false;
            JsonNode status = JSON.readTree(response.body());
            String self = status.path("header").path("member_id").asString("");
            return !self.isEmpty() && self.equals(status.path("leader").asString(""));
        } catch (IOException | JacksonException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void launch(String state) throws IOException {
        if (process != null) {
            closeQuietly(process); // one that ended on its own: its watcher may go
        }
        String client = clientUrl().toString();
        String peer = "http://127.0.0.1:" + peerPort;
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        "sh",
                        "-c",
                        DIES_WITH_STDIN,
                        "sh",
                        binary.toString(),
                        "--name=" + name,
                        "--data-dir=" + dir.resolve("data"),
                        "--listen-client-urls=" + client,
                        "--advertise-client-urls=" + client,
                        "--listen-peer-urls=" + peer,
                        "--initial-advertise-peer-urls=" + peer,
                        "--initial-cluster=" + initialCluster,
                        "--initial-cluster-token=" + token,
                        "--initial-cluster-state=" + state,
                        "--logger=zap",
                        "--log-outputs=stderr"))
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()));
        builder.environment().remove("ETCDCTL_API");
        process = builder.start();
    }

    private void end(boolean force) {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        try {
            if (force) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        } finally {
            // etcd is gone (or as good as): the watcher may end now without a process to kill.
            closeQuietly(p);
        }
    }

    private static void closeQuietly(Process p) {
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // the watcher ends with this JVM at the latest
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid()))
                .redirectErrorStream(true)
                .start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill " + signal + " " + pid() + " failed");
        }
    }
}

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
 */
public final class EtcdMember {
    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        String client = clientUrl().toString();
        String peer = "http://127.0.0.1:" + peerPort;
        ProcessBuilder builder = new ProcessBuilder(List.of(
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

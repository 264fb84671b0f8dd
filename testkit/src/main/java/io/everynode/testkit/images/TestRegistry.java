package io.everynode.testkit.images;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Debian's {@code docker-registry} (the CNCF distribution registry) on a free loopback port, its
 * storage and config in a directory the test owns, optionally behind htpasswd (Basic auth). Pushes
 * images over the distribution API: blob uploads (POST, then a monolithic PUT) and manifest PUTs.
 */
public final class TestRegistry implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String authorization;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestRegistry(Process process, int port, String authorization) {
        this.process = process;
        this.port = port;
        this.authorization = authorization;
    }

    /** Why registry tests cannot run here, if they cannot. */
    public static Optional<String> unavailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "docker-registry"))) return Optional.empty();
        }
        return Optional.of(
                "docker-registry is not installed (Debian package docker-registry; scripts/install-test-tools.sh)");
    }

    /** A registry that serves anyone. */
    public static TestRegistry start(Path dir) throws IOException {
        return start(dir, null, null);
    }

    /** A registry that wants Basic auth as {@code user}/{@code password} (htpasswd with bcrypt). */
    public static TestRegistry start(Path dir, String user, String password) throws IOException {
        return start(dir, user, password, freePort());
    }

    /** A registry that serves anyone on a port the test chose (one a pod already names, so it can come up late). */
    public static TestRegistry startOn(Path dir, int port) throws IOException {
        return start(dir, null, null, port);
    }

    private static TestRegistry start(Path dir, String user, String password, int port) throws IOException {
        Path storage = Files.createDirectories(dir.resolve("storage"));
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ")
                .append(storage)
                .append("\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:")
                .append(port)
                .append("\n  secret: everynode-test\n");
        String authorization = null;
        if (user != null) {
            byte[] salt = new byte[16];
            new java.security.SecureRandom().nextBytes(salt);
            Path htpasswd = dir.resolve("htpasswd");
            Files.writeString(
                    htpasswd, user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 5) + "\n");
            config.append("auth:\n  htpasswd:\n    realm: everynode-test\n    path: ")
                    .append(htpasswd)
                    .append('\n');
            authorization = "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        Path configFile = dir.resolve("config.yml");
        Files.writeString(configFile, config);
        Process p = new ProcessBuilder("docker-registry", "serve", configFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        TestRegistry registry = new TestRegistry(p, port, authorization);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(registry::answers);
        } catch (RuntimeException e) {
            registry.close();
            throw new IOException(
                    "docker-registry did not come up on port " + port + ": "
                            + Files.readString(dir.resolve("registry.log")),
                    e);
        }
        return registry;
    }

    private boolean answers() {
        if (!process.isAlive()) throw new IllegalStateException("docker-registry exited with " + process.exitValue());
        try {
            int status = http.send(
                            HttpRequest.newBuilder(uri("/v2/")).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            return status == 200 || status == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A loopback port nothing listens on now (connections to it are refused until something binds it). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code 127.0.0.1:<port>}: the registry part of image references. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://" + host() + path);
    }

    /** Pushes {@code image} as {@code repository:tag}; answers the manifest digest. */
    public String push(String repository, String tag, OciImage image) throws IOException {
        for (OciImage.Blob b : image.contentBlobs()) pushBlob(repository, b);
        putManifest(repository, tag, image.manifest());
        return image.manifest().digest();
    }

    /** Pushes {@code images} and an index of them (one entry per image's platform) as {@code repository:tag}. */
    public String pushIndex(String repository, String tag, List<OciImage> images) throws IOException {
        for (OciImage i : images) push(repository, i.manifest().digest(), i);
        OciImage.Blob index = OciImage.index(images);
        putManifest(repository, tag, index);
        return index.digest();
    }

    /** Deletes the blob from the registry's storage (so a pull that needs it fails). */
    public void deleteBlob(String repository, String digest) throws IOException {
        send(
                HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/" + digest))
                        .DELETE(),
                202);
    }

    private void pushBlob(String repository, OciImage.Blob blob) throws IOException {
        HttpResponse<String> head = send(
                HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/" + blob.digest()))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()),
                -1);
        if (head.statusCode() == 200) return;
        HttpResponse<String> start = send(
                HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody()),
                202);
        String location = start.headers().firstValue("Location").orElseThrow();
        URI upload = uri("/").resolve(location);
        String sep = upload.getRawQuery() == null ? "?" : "&";
        send(
                HttpRequest.newBuilder(URI.create(upload + sep + "digest=" + blob.digest()))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob.bytes())),
                201);
    }

    private void putManifest(String repository, String reference, OciImage.Blob manifest) throws IOException {
        send(
                HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                        .header("Content-Type", manifest.mediaType())
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.bytes())),
                201);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int expected) throws IOException {
        if (authorization != null) request.header("Authorization", authorization);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (expected > 0 && response.statusCode() != expected) {
                throw new IOException(request.build().method() + " "
                        + request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Stops the registry (its port then refuses connections). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS))
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.everynode.testkit.images;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP proxy in front of a {@link TestRegistry}: with {@link #requireBearer} it answers
 * 401 with a Bearer challenge until a request carries the token its {@code /token} endpoint hands
 * out (to Basic {@code user}/{@code password}, or to anyone when user is null); with
 * {@link #tamperBlobs} it flips a byte of every blob it serves, with {@link #tamperManifests} of
 * every manifest. It records the paths of GETs.
 */
public final class RegistryProxy implements AutoCloseable {
    private final HttpServer server;
    private final TestRegistry upstream;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> gets = new CopyOnWriteArrayList<>();
    private final List<String> tokenQueries = new CopyOnWriteArrayList<>();
    private volatile String bearerToken;
    private volatile String tokenUser;
    private volatile String tokenPassword;
    private volatile boolean tamper;
    private volatile boolean tamperManifests;

    private RegistryProxy(HttpServer server, TestRegistry upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    public static RegistryProxy start(TestRegistry upstream) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        RegistryProxy proxy = new RegistryProxy(server, upstream);
        server.createContext("/", proxy::handle);
        server.start();
        return proxy;
    }

    public RegistryProxy requireBearer(String user, String password, String token) {
        this.tokenUser = user;
        this.tokenPassword = password;
        this.bearerToken = token;
        return this;
    }

    public RegistryProxy tamperBlobs() {
        this.tamper = true;
        return this;
    }

    /** Flips a byte of every manifest (and index) it serves, the registry's digest header left as it is. */
    public RegistryProxy tamperManifests() {
        this.tamperManifests = true;
        return this;
    }

    /** Serves blobs and manifests as the registry has them again. */
    public RegistryProxy stopTampering() {
        this.tamper = false;
        this.tamperManifests = false;
        return this;
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** The paths of the GET requests passed to the registry, in order. */
    public List<String> gets() {
        return List.copyOf(gets);
    }

    /** The query strings the token endpoint was asked with. */
    public List<String> tokenQueries() {
        return List.copyOf(tokenQueries);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            if (path.equals("/token")) {
                token(ex);
                return;
            }
            if (bearerToken != null
                    && !("Bearer " + bearerToken).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders()
                        .add(
                                "WWW-Authenticate",
                                "Bearer realm=\"http://" + host() + "/token\",service=\"everynode-test\"");
                reply(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
                return;
            }
            if (ex.getRequestMethod().equals("GET")) gets.add(path);
            String query = ex.getRequestURI().getRawQuery();
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            upstream.uri(path + (query == null ? "" : "?" + query)))
                    .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
            String accept = ex.getRequestHeaders().getFirst("Accept");
            if (accept != null) request.header("Accept", accept);
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            boolean flip = (tamper && path.contains("/blobs/")) || (tamperManifests && path.contains("/manifests/"));
            if (flip && body.length > 0 && response.statusCode() == 200) {
                body = body.clone();
                body[body.length / 2] ^= 1;
            }
            for (String h : List.of("Content-Type", "Docker-Content-Digest", "Location")) {
                response.headers()
                        .firstValue(h)
                        .ifPresent(v -> ex.getResponseHeaders().add(h, v));
            }
            ex.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void token(HttpExchange ex) throws IOException {
        tokenQueries.add(ex.getRequestURI().getRawQuery());
        if (tokenUser != null) {
            String want = "Basic "
                    + Base64.getEncoder()
                            .encodeToString((tokenUser + ":" + tokenPassword).getBytes(StandardCharsets.UTF_8));
            if (!want.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                reply(ex, 401, "{\"details\":\"incorrect username or password\"}");
                return;
            }
        }
        reply(ex, 200, "{\"token\":\"" + bearerToken + "\",\"expires_in\":300}");
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

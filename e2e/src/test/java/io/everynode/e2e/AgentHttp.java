package io.everynode.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Talks to a demo agent from the test's machine, as an operator would: a node's namespace is
 * reachable from the host at the node's IP, which is also the pod's IP (pods share the node's
 * network).
 */
final class AgentHttp {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AgentHttp() {}

    /** {@code POST http://ip:port/path} (a control endpoint); the status code, failing the test when there is no answer. */
    static int post(String ip, int port, String path) {
        return send(HttpRequest.newBuilder(uri(ip, port, path))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    /** {@code GET http://ip:port/path}: the status code, or -1 when no answer came within {@code timeout}. */
    static int get(String ip, int port, String path, Duration timeout) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(uri(ip, port, path))
                                    .timeout(timeout)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new AssertionError("no answer from " + r.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static URI uri(String ip, int port, String path) {
        return URI.create("http://" + ip + ":" + port + path);
    }
}

package io.everynode.apiserver.testing;

import io.everynode.api.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plain HTTP calls against a test server with {@code java.net.http}: what a test uses to set up
 * the world (nodes, pods, events) and to look at stored state without going through kubectl.
 */
public final class RawApi {
    private final String base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public RawApi(String base) {
        this.base = base;
    }

    /** One answer: the HTTP code and the body (parsed as JSON when it is JSON). */
    public record Reply(int code, String body) {
        public ObjectNode json() {
            return (ObjectNode) Json.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public Reply assertCode(int expected) {
            if (code != expected)
                throw new AssertionError("expected HTTP " + expected + " but got " + code + ": " + body);
            return this;
        }
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply post(String path, String json) {
        return post(path, "application/json", json);
    }

    public Reply post(String path, byte[] body, String contentType) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply patch(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply delete(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Creates an object (POST, expecting 201) and returns what the server stored. */
    public ObjectNode create(String collectionPath, String json) {
        return post(collectionPath, json).assertCode(201).json();
    }

    /** The object at {@code path}, or fails. */
    public ObjectNode object(String path) {
        return get(path).assertCode(200).json();
    }

    public boolean exists(String path) {
        int code = get(path).code();
        if (code != 200 && code != 404) throw new AssertionError("GET " + path + " answered " + code);
        return code == 200;
    }

    /** Opens a streaming GET (a watch); the caller reads lines from the body and closes it. */
    public HttpResponse<java.util.stream.Stream<String>> stream(String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public static JsonNode parse(String s) {
        return Json.parse(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r =
                    http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
